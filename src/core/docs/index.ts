export { DocsModule } from './docs.module';
export { DOCS_PATH, OPENAPI_JSON_PATH, setupOpenApi } from './openapi';
