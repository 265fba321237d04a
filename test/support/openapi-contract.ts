import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import { buildOpenApiDocument } from '../../src/core/docs';
import { teeResponseBody } from '../../src/core/web/response-tee';
import { decodeBody } from './http-body';

/**
 * Every JSON answer an e2e test receives, checked against the OpenAPI document the app serves at
 * /docs-json. The check observes the HTTP server itself, so answers fetched with supertest, fetch
 * or replayed by the hot path are all covered. Drift is collected and reported by `assertClean`
 * (called when the test app closes) with the operation, the status and the path in the body.
 */
export class OpenApiContract {
  private readonly drift: string[] = [];

  private constructor(private readonly schemas: ResponseSchemas) {}

  /** Fails at once when two DTOs share a schema name: the document would describe only one. */
  static async load(app: NestExpressApplication, url: string): Promise<OpenApiContract> {
    const duplicates = duplicateSchemaWarnings(app);
    if (duplicates.length > 0) {
      throw new Error(`OpenAPI: duplicate schema names\n${duplicates.join('\n')}`);
    }
    return new OpenApiContract(await ResponseSchemas.fetch(url));
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
    teeResponseBody(res, (body) =>
      res.once('finish', () => this.check(req, res, body ?? Buffer.alloc(0))),
    );
  }

  private check(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const problems = this.schemas.problems({
      method: req.method ?? 'GET',
      target: req.url ?? '/',
      status: res.statusCode,
      contentType: String(res.getHeader('content-type') ?? ''),
      contentEncoding: String(res.getHeader('content-encoding') ?? ''),
      raw,
    });
    this.drift.push(...problems);
  }
}

/** One answer as it went over the wire. */
export interface WireAnswer {
  method: string;
  /** Path and query string. */
  target: string;
  status: number;
  contentType: string;
  contentEncoding: string;
  raw: Buffer;
}

/**
 * The response schemas of the document the app serves at /docs-json, for any observer of its
 * answers: the e2e tests' contract and the fuzzer.
 */
export class ResponseSchemas {
  private constructor(private readonly api: OpenAPIBackend) {}

  static async fetch(url: string): Promise<ResponseSchemas> {
    const served = (await (await fetch(`${url}/docs-json`)).json()) as Document;
    const api = new OpenAPIBackend({
      definition: nullableRefs(served),
      quick: true,
      validate: true,
    });
    await api.init();
    return new ResponseSchemas(api);
  }

  /**
   * How a JSON answer departs from its operation's schema for its status, one line each (the
   * operation, the status, the place in the body); none for answers that are not JSON or whose
   * path the document does not describe.
   */
  problems(answer: WireAnswer): string[] {
    if (!answer.contentType.includes('application/json') || answer.raw.length === 0) {
      return [];
    }
    const method = answer.method.toLowerCase();
    const path = new URL(answer.target, 'http://test').pathname;
    const operation = this.api.router.matchOperation({ method, path, headers: {} });
    if (!operation) {
      return [];
    }
    const where = `${method.toUpperCase()} ${path.length > 200 ? `${path.slice(0, 200)}…` : path} (${operation.operationId}) ${answer.status}`;
    let body: unknown;
    try {
      body = JSON.parse(decodeBody(answer.raw, answer.contentEncoding).toString());
    } catch (error) {
      return [`${where}: not JSON (${(error as Error).message})`];
    }
    const result = this.api.validator.validateResponse(body, operation, answer.status);
    return (result.errors ?? []).map((error) => {
      const at = error.instancePath || '(body)';
      const detail = error.params ? ` ${JSON.stringify(error.params)}` : '';
      return `${where} at ${at}: ${error.message}${detail}`;
    });
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
