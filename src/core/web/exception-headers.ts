const HEADERS = Symbol('response headers');

/**
 * Gives an error the headers its answer must carry (a refused credential's rate-limit headers,
 * say): errors thrown before any handler runs have no response to set them on.
 */
export function withHeaders<E extends object>(exception: E, headers: Record<string, string>): E {
  (exception as Record<symbol, Record<string, string>>)[HEADERS] = headers;
  return exception;
}

/** The headers withHeaders gave this error, if any. */
export function headersOf(exception: unknown): Record<string, string> {
  if (typeof exception !== 'object' || exception === null) {
    return {};
  }
  return (exception as Record<symbol, Record<string, string> | undefined>)[HEADERS] ?? {};
}
