import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type AppInfo, readAppInfo } from '../app-info';
import { ErrorResponseDto } from '../web/dto/error-response.dto';
import { API_TAG_DESCRIPTIONS } from './api-tags';

export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

/** Swagger UI at /docs, the OpenAPI 3 document at /docs-json (and /docs-yaml). */
export function setupOpenApi(app: INestApplication, info: AppInfo): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app, info), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Crypto-DT-Source API',
  });
}

/** The document /docs-json serves; the e2e contract check builds it too, to catch duplicate DTO names. */
export function buildOpenApiDocument(
  app: INestApplication,
  info: AppInfo = readAppInfo(),
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Crypto-DT-Source')
    .setDescription(
      `${info.description}\n\nEvery error has the shape {statusCode, error, message, requestId}; ` +
        'the request id is also sent as the X-Request-Id header.\n\n' +
        'Streams (Socket.IO and /ws) are described in AsyncAPI: [/asyncapi](/asyncapi) ' +
        '([/asyncapi.json](/asyncapi.json)).',
    )
    .setVersion(info.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A JWT or an API key' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    // Every operation takes a credential, optionally ({}): a key raises an anonymous caller's
    // limits, and Swagger UI's Authorize sends it only where security is declared. Operations
    // locked to a tier (@RequireTier) declare their own, without the {}.
    .addSecurityRequirements({})
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('api-key');
  for (const [tag, description] of Object.entries(API_TAG_DESCRIPTIONS)) {
    builder.addTag(tag, description);
  }
  return withErrorResponses(
    // Tags come from API_TAGS only: a controller tagged per method would otherwise also get one
    // named after its class.
    SwaggerModule.createDocument(app, builder.build(), {
      extraModels: [ErrorResponseDto],
      autoTagControllers: false,
    }),
  );
}

/**
 * The Swagger plugin marks a query field required when its DTO gives it a default (`vs = 'usd'`),
 * yet the client may leave it out: the default applies.
 */
function optionalWhereDefaulted(
  parameters: NonNullable<OpenAPIObject['paths'][string]['parameters']>,
): void {
  for (const parameter of parameters) {
    if ('in' in parameter && parameter.schema && 'default' in parameter.schema) {
      parameter.required = false;
    }
  }
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
        optionalWhereDefaulted(operation.parameters ?? []);
      }
    }
  }
  return document;
}
