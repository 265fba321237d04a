export class ServiceLinksDto {
  /** Swagger UI. @example "/docs" */
  docs!: string;

  /** ReDoc reference. @example "/redoc" */
  redoc!: string;

  /** The OpenAPI 3 document. @example "/docs-json" */
  openapi!: string;

  /** Health of the service and its components. @example "/api/health" */
  health!: string;

  /** The real-time streams in AsyncAPI, as a page (the document: /asyncapi.json). @example "/asyncapi" */
  asyncapi!: string;
}

export class ServiceInfoDto {
  /** @example "crypto-dt-source" */
  name!: string;

  /** @example "0.1.0" */
  version!: string;

  description!: string;

  links!: ServiceLinksDto;
}
