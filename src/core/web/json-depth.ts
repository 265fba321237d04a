import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Deepest nesting of arrays and objects a JSON request body may have. Request DTOs nest two or
 * three levels; class-transformer and class-validator recurse per level, so thousands of levels
 * overflow the stack after seconds of blocking the event loop for everyone.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A body-parser error: `status` and `expose` make the exception filter answer it as a 400. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.too.deep';

  constructor() {
    super(`JSON body nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/**
 * body-parser `verify` hook: one pass over the raw body, before JSON.parse builds any object.
 * Brackets inside strings do not count. UTF-8 (the usual case) is scanned as bytes, which is
 * exact because multi-byte UTF-8 sequences never contain ASCII bytes; other charsets are decoded
 * first.
 */
export function refuseDeepJson(
  _request: IncomingMessage,
  _response: ServerResponse,
  body: Buffer,
  encoding: string,
): void {
  const codes = isUtf8(encoding) ? body : Buffer.from(decoded(body, encoding), 'utf8');
  if (depthExceeds(codes, MAX_JSON_DEPTH)) {
    throw new JsonTooDeepError();
  }
}

/** Whether the JSON text in `bytes` nests arrays and objects deeper than `limit`. */
export function depthExceeds(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of bytes) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (byte === BACKSLASH) {
        escaped = true;
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth += 1;
      if (depth > limit) {
        return true;
      }
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth -= 1;
    }
  }
  return false;
}

function isUtf8(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding);
}

/** body-parser accepts only utf-* charsets for JSON; TextDecoder knows the 16-bit ones. */
function decoded(body: Buffer, encoding: string): string {
  return new TextDecoder(encoding).decode(body);
}
