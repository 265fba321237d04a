import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import { buildOpenApiDocument } from '../../src/core/docs';

/**
 * Every JSON answer an e2e test receives, checked against the OpenAPI document the app serves at
 * /docs-json. The check observes the HTTP server itself, so answers fetched with supertest, fetch
 * or replayed by the hot path are all covered. Drift is collected and reported by `assertClean`
 * (called when the test app closes) with the operation, the status and the path in the body.
 */
export class OpenApiContract {
  private readonly drift: string[] = [];

  private constructor(private readonly api: OpenAPIBackend) {}

  /** Fails at once when two DTOs share a schema name: the document would describe only one. */
  static async load(app: NestExpressApplication, url: string): Promise<OpenApiContract> {
    const duplicates = duplicateSchemaWarnings(app);
    if (duplicates.length > 0) {
      throw new Error(`OpenAPI: duplicate schema names\n${duplicates.join('\n')}`);
    }
    const served = (await (await fetch(`${url}/docs-json`)).json()) as Document;
    const api = new OpenAPIBackend({
      definition: nullableRefs(served),
      quick: true,
      validate: true,
    });
    await api.init();
    return new OpenApiContract(api);
  }

  observe(server: Server): void {
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) =>
      this.capture(req, res),
    );
  }

  assertClean(): void {
    if (this.drift.length > 0) {
      throw new Error(`OpenAPI drift in ${this.drift.length} answer(s):\n${this.drift.join('\n')}`);
    }
  }

  private capture(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === 'string') {
        chunks.push(
          Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
        );
      } else if (chunk instanceof Uint8Array) {
        chunks.push(Buffer.from(chunk));
      }
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
    res.once('finish', () => this.check(req, res, Buffer.concat(chunks)));
  }

  private check(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const type = String(res.getHeader('content-type') ?? '');
    if (!type.includes('application/json') || raw.length === 0) {
      return;
    }
    const method = (req.method ?? 'GET').toLowerCase();
    const path = new URL(req.url ?? '/', 'http://test').pathname;
    const operation = this.api.router.matchOperation({ method, path, headers: {} });
    if (!operation) {
      return;
    }
    const where = `${method.toUpperCase()} ${path} (${operation.operationId}) ${res.statusCode}`;
    let body: unknown;
    try {
      body = JSON.parse(decode(raw, String(res.getHeader('content-encoding') ?? '')).toString());
    } catch (error) {
      this.drift.push(`${where}: not JSON (${(error as Error).message})`);
      return;
    }
    const result = this.api.validator.validateResponse(body, operation, res.statusCode);
    for (const error of result.errors ?? []) {
      const at = error.instancePath || '(body)';
      const detail = error.params ? ` ${JSON.stringify(error.params)}` : '';
      this.drift.push(`${where} at ${at}: ${error.message}${detail}`);
    }
  }
}

/**
 * @nestjs/swagger writes a nullable DTO property as `{nullable: true, allOf: [{$ref}]}`, meaning
 * "this object or null"; a JSON Schema validator reads the allOf literally and refuses null (and
 * Ajv ignores `nullable` beside `anyOf` without a `type`). Say what is meant, `anyOf: [the
 * schema, null]`, in terms both OpenAPI 3.0 and Ajv understand.
 */
function nullableRefs<T>(node: T): T {
  if (Array.isArray(node)) {
    return node.map(nullableRefs) as T;
  }
  if (!node || typeof node !== 'object') {
    return node;
  }
  const entries = Object.entries(node as Record<string, unknown>).map(
    ([key, value]): [string, unknown] => [key, nullableRefs(value)],
  );
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  if (schema.nullable === true && (Array.isArray(schema.allOf) || schema.type === undefined)) {
    const { nullable: _nullable, type: _type, ...rest } = schema;
    return { anyOf: [rest, { enum: [null] }] } as T;
  }
  return schema as T;
}

function decode(raw: Buffer, encoding: string): Buffer {
  switch (encoding) {
    case 'gzip':
      return gunzipSync(raw);
    case 'deflate':
      return inflateSync(raw);
    case 'br':
      return brotliDecompressSync(raw);
    default:
      return raw;
  }
}

/** @nestjs/swagger only warns (through Nest's static Logger) when two DTOs share a name. */
function duplicateSchemaWarnings(app: NestExpressApplication): string[] {
  const warnings: string[] = [];
  const original = Logger.warn.bind(Logger);
  Logger.warn = (message: unknown, ...rest: unknown[]) => {
    if (String(message).startsWith('Duplicate DTO')) {
      warnings.push(String(message).split('\n')[0]);
    } else {
      original(message, ...(rest as string[]));
    }
  };
  try {
    buildOpenApiDocument(app);
  } finally {
    Logger.warn = original;
  }
  return warnings;
}
