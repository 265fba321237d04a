export class ServiceLinksDto {
  /** Swagger UI. @example "/docs" */
  docs!: string;

  /** ReDoc reference. @example "/redoc" */
  redoc!: string;

  /** The OpenAPI 3 document. @example "/docs-json" */
  openapi!: string;

  /** Health of the service and its components. @example "/api/health" */
  health!: string;
}

export class ServiceInfoDto {
  /** @example "crypto-dt-source" */
  name!: string;

  /** @example "0.1.0" */
  version!: string;

  description!: string;

  links!: ServiceLinksDto;
}
