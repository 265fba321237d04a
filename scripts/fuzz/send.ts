import { Agent, request } from 'node:http';
import { decodeBody } from '../../test/support/http-body';
import type { ResponseSchemas } from '../../test/support/openapi-contract';
import type { FuzzRequest } from './requests';

export interface Answer {
  status: number;
  contentType: string;
  contentEncoding: string;
  /** The bytes as sent (compressed when the app compressed them). */
  raw: Buffer;
  /** The body decoded as UTF-8 after undoing any Content-Encoding; why not, when that fails. */
  body: string;
}

export interface Credentials {
  adminKey: string;
  freeKey: string;
  freeToken: string;
}

const TIMEOUT_MS = 30_000;
const ERROR_FIELDS = new Set([
  'statusCode',
  'error',
  'message',
  'requestId',
  'attempted',
  'retry_after',
]);

let garbage = 0;

/** The credential headers and a caller address (TRUST_PROXY), so refusals are not all charged to one. */
function identity(
  fuzz: FuzzRequest,
  credentials: Credentials,
  index: number,
): Record<string, string> {
  const headers: Record<string, string> = {
    'x-forwarded-for': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
  };
  switch (fuzz.credential) {
    case 'admin':
      headers['x-api-key'] = credentials.adminKey;
      break;
    case 'free':
      headers['x-api-key'] = credentials.freeKey;
      break;
    case 'free-token':
      headers.authorization = `Bearer ${credentials.freeToken}`;
      break;
    case 'garbage':
      garbage += 1;
      headers.authorization =
        garbage % 2 ? `Bearer ${'x'.repeat(garbage % 500)}.e30.${garbage}` : `Basic ${garbage}`;
      break;
    case 'none':
      break;
  }
  return headers;
}

/** Sends one request; a connection closed without an answer is a status of 0. */
export function send(
  base: URL,
  agent: Agent,
  fuzz: FuzzRequest,
  credentials: Credentials,
  index: number,
): Promise<Answer> {
  const headers = { ...identity(fuzz, credentials, index), ...fuzz.headers };
  return new Promise((resolve) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: fuzz.method,
        path: fuzz.target,
        headers:
          fuzz.body !== undefined
            ? { ...headers, 'content-length': Buffer.byteLength(fuzz.body) }
            : headers,
        agent,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(answerOf(res.statusCode ?? 0, res.headers, chunks)));
        res.on('error', () => resolve(noAnswer('response cut off')));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)));
    req.on('error', (error) => resolve(noAnswer(error.message)));
    req.end(fuzz.body);
  });
}

function noAnswer(reason: string): Answer {
  return { status: 0, contentType: '', contentEncoding: '', raw: Buffer.alloc(0), body: reason };
}

function answerOf(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  chunks: Buffer[],
): Answer {
  const raw = Buffer.concat(chunks);
  const contentEncoding = String(headers['content-encoding'] ?? '');
  let body: string;
  try {
    body = decodeBody(raw, contentEncoding).toString('utf8');
  } catch (error) {
    body = `(undecodable ${contentEncoding} body: ${(error as Error).message})`;
  }
  return { status, contentType: String(headers['content-type'] ?? ''), contentEncoding, raw, body };
}

/**
 * Why an answer breaks the contract, if it does: an undocumented 5xx, an error out of shape, or a
 * 2xx that its operation's response schema does not describe.
 */
export function judge(
  fuzz: FuzzRequest,
  answer: Answer,
  schemas: ResponseSchemas,
): string | undefined {
  if (answer.status === 0) {
    return `no answer: ${answer.body}`;
  }
  if (answer.status < 300) {
    const problems = schemas.problems({ method: fuzz.method, target: fuzz.target, ...answer });
    return problems.length > 0 ? `answer out of schema: ${problems[0]}` : undefined;
  }
  if (answer.status < 400) {
    return undefined;
  }
  if (answer.status >= 500 && answer.status !== 503) {
    return `undocumented ${answer.status}`;
  }
  if (answer.status === 503 && fuzz.operation === 'GET /api/health') {
    return undefined;
  }
  return shapeProblem(answer);
}

function shapeProblem(answer: Answer): string | undefined {
  if (!answer.contentType.startsWith('application/json')) {
    return `error answered as ${answer.contentType || 'no content type'}`;
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    return 'error body is not JSON';
  }
  const extra = Object.keys(body).filter((key) => !ERROR_FIELDS.has(key));
  const typed =
    body.statusCode === answer.status &&
    typeof body.error === 'string' &&
    typeof body.message === 'string' &&
    typeof body.requestId === 'string' &&
    body.requestId.length > 0;
  if (!typed || extra.length > 0) {
    return `error body out of shape: ${answer.body.slice(0, 200)}`;
  }
  return undefined;
}

/** A curl command that sends the same request (long values shortened in the middle). */
export function reproduction(base: URL, fuzz: FuzzRequest): string {
  const shorten = (text: string) =>
    text.length > 400 ? `${text.slice(0, 200)}…[${text.length} chars]…${text.slice(-100)}` : text;
  const quote = (text: string) => `'${shorten(text).replace(/'/g, `'\\''`)}'`;
  const credential = {
    none: '',
    admin: ' -H "X-API-Key: $ADMIN_KEY"',
    free: ' -H "X-API-Key: $FREE_KEY"',
    'free-token': ' -H "Authorization: Bearer $FREE_TOKEN"',
    garbage: " -H 'Authorization: Bearer garbage'",
  }[fuzz.credential];
  const headers = Object.entries(fuzz.headers)
    .map(([name, value]) => ` -H ${quote(`${name}: ${value}`)}`)
    .join('');
  const body = fuzz.body !== undefined ? ` --data-binary ${quote(fuzz.body)}` : '';
  return `curl -X ${fuzz.method} ${quote(new URL(fuzz.target, base).toString())}${credential}${headers}${body}`;
}
