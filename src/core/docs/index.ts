export { DocsModule } from './docs.module';
export { API_TAGS } from './api-tags';
export { buildOpenApiDocument, DOCS_PATH, OPENAPI_JSON_PATH, setupOpenApi } from './openapi';
