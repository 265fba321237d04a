import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AppInfo } from '../app-info';
import { ErrorResponseDto } from '../web/error-response.dto';

export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

/** Swagger UI at /docs, the OpenAPI 3 document at /docs-json (and /docs-yaml). */
export function setupOpenApi(app: INestApplication, info: AppInfo): void {
  const config = new DocumentBuilder()
    .setTitle('Crypto-DT-Source')
    .setDescription(
      `${info.description}\n\nEvery error has the shape {statusCode, error, message, requestId}; ` +
        'the request id is also sent as the X-Request-Id header.',
    )
    .setVersion(info.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A JWT or an API key' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    // Every operation takes a credential, optionally ({}): a key raises an anonymous caller's
    // limits, and Swagger UI's Authorize sends it only where security is declared. Operations
    // locked to a tier (@RequireTier) declare their own, without the {}.
    .addSecurityRequirements({})
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('api-key')
    .build();
  const createDocument = () =>
    withErrorResponses(
      SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseDto] }),
    );
  SwaggerModule.setup(DOCS_PATH, app, createDocument, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Crypto-DT-Source API',
  });
}

/** Every operation can fail with the one error shape; say so once instead of on each handler. */
function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const error = {
    description: 'Any error: {statusCode, error, message, requestId}',
    content: {
      'application/json': { schema: { $ref: `#/components/schemas/${ErrorResponseDto.name}` } },
    },
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = pathItem[method];
      if (operation) {
        operation.responses.default ??= error;
      }
    }
  }
  return document;
}
