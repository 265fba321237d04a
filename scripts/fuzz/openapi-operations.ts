/** The parts of an OpenAPI 3 document the fuzzer generates requests from. */

export interface Schema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  example?: unknown;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** The path template, e.g. /api/auth/keys/{id}. */
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, resolved; undefined when the operation takes no body. */
  body?: Schema;
  /** Status codes the document lists besides `default`. */
  documented: string[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  parameters?: (Parameter & { schema?: Schema })[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document with its parameter and body schemas, `$ref`s resolved. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined, depth = 0): Schema => {
    if (!schema || depth > 8) {
      return {};
    }
    const own = schema.$ref ? (schemas[schema.$ref.split('/').pop() ?? ''] ?? {}) : schema;
    return {
      ...own,
      items: own.items ? resolve(own.items, depth + 1) : undefined,
      properties: own.properties
        ? Object.fromEntries(
            Object.entries(own.properties).map(([k, v]) => [k, resolve(v, depth + 1)]),
          )
        : undefined,
    };
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.has(method))
      .map(([method, raw]) => ({
        method: method.toUpperCase(),
        path,
        parameters: (raw.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          required: p.required,
          schema: resolve(p.schema),
        })),
        body: raw.requestBody
          ? resolve(raw.requestBody.content?.['application/json']?.schema)
          : undefined,
        documented: Object.keys(raw.responses ?? {}).filter((code) => code !== 'default'),
      })),
  );
}
