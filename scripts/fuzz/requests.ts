import fc from 'fast-check';
import type { Operation, Parameter, Schema } from './openapi-operations';
import { fieldValue, hostileValue, nested, type Tried, validValue } from './values';

export type Credential = 'none' | 'admin' | 'free' | 'free-token' | 'garbage';

/** One generated request, with what it tried (for the summary and the reproduction). */
export interface FuzzRequest {
  operation: string;
  method: string;
  /** Path and query string, percent-encoded. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  credential: Credential;
  kinds: string[];
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  '',
];
const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,2',
  '{"a":1}}',
  'nul',
  "{'a':1}",
  '{"a":1,}',
  '\u0000',
  '"',
];
const EXTRA_HEADERS: [string, fc.Arbitrary<string>][] = [
  ['accept', fc.constantFrom('text/csv', '*/*', 'application/xml', 'x'.repeat(2000))],
  ['accept-encoding', fc.constantFrom('gzip', 'br', 'deflate, gzip;q=0', 'identity;q=0')],
  ['x-request-id', fc.constantFrom('a'.repeat(200), '../x', 'fuzz-id-1', '')],
  ['if-none-match', fc.constantFrom('*', '"x"', 'W/"1"')],
  ['origin', fc.constantFrom('https://evil.example', 'null')],
  ['x-forwarded-for', fc.constantFrom('not an ip', '::1', '10.0.0.1, 127.0.0.1', '999.1.1.1')],
  ['range', fc.constantFrom('bytes=0-1', 'bytes=-1')],
];

/** Percent-encoded UTF-8; a lone surrogate goes as U+FFFD, as a browser would send it. */
const encode = (value: unknown): string =>
  encodeURIComponent(
    Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).toString(),
  );

/**
 * A value as a header can carry it: Node refuses to send CR, LF, NUL and characters beyond Latin-1
 * (so would any proxy), so those become `?`; everything else, 100 KB strings included, goes as is.
 */
const headerText = (value: unknown): string =>
  (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).replace(
    /[^\t\x20-\x7e\xa0-\xff]/g,
    '?',
  );

/** Query pairs for one parameter: missing, once, duplicated, or nested as name[a][b]. */
function queryPairs(parameter: Parameter): fc.Arbitrary<Tried<string[]>> {
  const name = encodeURIComponent(parameter.name);
  const once = fieldValue(parameter.schema).map(({ value, kind }) => ({
    value:
      Array.isArray(value) && kind !== 'valid'
        ? value.map((v) => `${name}=${encode(v)}`)
        : [
            `${name}=${Array.isArray(value) ? value.map((v) => encode(v)).join(',') : encode(value)}`,
          ],
    kind,
  }));
  return fc.oneof(
    { weight: 6, arbitrary: once },
    { weight: 1, arbitrary: fc.constant<Tried<string[]>>({ value: [], kind: 'missing' }) },
    {
      weight: 1,
      arbitrary: fc.tuple(validValue(parameter.schema), hostileValue(2)).map(([a, b]) => ({
        value: [`${name}=${encode(a)}`, `${name}=${encode(b.value)}`],
        kind: 'duplicated parameter',
      })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 40 }).map((depth) => ({
        value: [`${name}${'[a]'.repeat(depth)}=1`],
        kind: 'nested query',
      })),
    },
  );
}

/** The JSON body: a mutated object, or something that is not the object at all. */
function bodyOf(schema: Schema): fc.Arbitrary<Tried<string | undefined>> {
  const properties = Object.entries(schema.properties ?? {});
  const fields = fc.tuple(
    ...properties.map(([name, field]) =>
      fc.oneof(
        { weight: 5, arbitrary: fieldValue(field).map((t) => ({ ...t, name })) },
        { weight: 1, arbitrary: fc.constant({ name, value: undefined, kind: 'missing field' }) },
      ),
    ),
  );
  const object = fc
    .tuple(fields, fc.option(fc.tuple(fc.string({ maxLength: 10 }), hostileValue(2))))
    .map(([chosen, extra]) => {
      const body: Record<string, unknown> = {};
      const kinds = chosen.map((c) => c.kind);
      chosen.forEach((c) => c.value !== undefined && (body[c.name] = c.value));
      if (extra) {
        body[extra[0] || 'extra'] = extra[1].value;
        kinds.push('extra field');
      }
      return { value: JSON.stringify(body), kind: kinds.join('+') || 'empty object' };
    });
  return fc.oneof(
    { weight: 8, arbitrary: object },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...MALFORMED_JSON)
        .map((value) => ({ value, kind: 'malformed JSON' })),
    },
    {
      weight: 1,
      arbitrary: hostileValue().map(({ value, kind }) => ({
        value: JSON.stringify(value),
        kind: `body is ${kind}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 100, max: 3000 }).map((d) => ({
        value: JSON.stringify({ text: nested(d) }),
        kind: 'deep nesting in a field',
      })),
    },
    { weight: 1, arbitrary: fc.constant({ value: undefined, kind: 'no body' }) },
  );
}

/** Every request the fuzzer may send for one operation. */
export function requestsFor(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const queryParameters = operation.parameters.filter((p) => p.in === 'query');
  const headerParameters = operation.parameters.filter((p) => p.in === 'header');
  return fc
    .record({
      path: fc.tuple(...pathParameters.map((p) => fieldValue(p.schema))),
      query: fc.tuple(...queryParameters.map(queryPairs)),
      documentedHeaders: fc.tuple(
        ...headerParameters.map((p) =>
          fc.option(fieldValue(p.schema), { freq: 4 }).map((t) => ({ name: p.name, tried: t })),
        ),
      ),
      body: operation.body ? bodyOf(operation.body) : fc.constant({ value: undefined, kind: '' }),
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constant('application/json') },
        { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      ),
      headers: fc
        .subarray(EXTRA_HEADERS, { maxLength: 2 })
        .chain((chosen) =>
          fc.tuple(...chosen.map(([name, value]) => value.map((v) => [name, v] as const))),
        ),
      credential: fc.constantFrom<Credential>('none', 'admin', 'free', 'free-token', 'garbage'),
    })
    .map(({ path, query, documentedHeaders, body, contentType, headers, credential }) => {
      let target = operation.path;
      pathParameters.forEach((p, i) => {
        const value = path[i].value;
        target = target.replace(
          `{${p.name}}`,
          Array.isArray(value) ? value.map(encode).join(',') : encode(value),
        );
      });
      const pairs = query.flatMap((q) => q.value);
      const kinds = [...path.map((p) => `path ${p.kind}`), ...query.map((q) => `query ${q.kind}`)];
      if (body.kind) {
        // A body object joins its fields' kinds with `+`: each counts in the summary.
        kinds.push(...body.kind.split('+').map((kind) => `body ${kind}`));
      }
      const sent: Record<string, string> = Object.fromEntries(headers);
      for (const { name, tried } of documentedHeaders) {
        if (tried) {
          sent[name.toLowerCase()] = headerText(tried.value);
          kinds.push(`header ${tried.kind}`);
        } else {
          kinds.push('header missing');
        }
      }
      if (body.value !== undefined) {
        if (contentType) {
          sent['content-type'] = contentType;
        }
        if (contentType !== 'application/json') {
          kinds.push('wrong content type');
        }
      }
      kinds.push(...headers.map(([name]) => `header ${name}`));
      return {
        operation: `${operation.method} ${operation.path}`,
        method: operation.method,
        target: pairs.length > 0 ? `${target}?${pairs.join('&')}` : target,
        headers: sent,
        body: body.value,
        credential,
        kinds,
      };
    });
}
