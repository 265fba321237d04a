/** What a fake upstream route answers, shared by the routes, the feeds and the server. */

export interface Reply {
  status?: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteResult {
  /** The normal answer. */
  reply: Reply;
  /** What "empty results" looks like on this route. */
  empty: unknown;
  /** This upstream's way of reporting an error inside HTTP 200. */
  error200: unknown;
}

/** Switches that change what the routes answer (not faults: the answers stay well formed). */
export interface RouteSettings {
  /**
   * How far CoinGecko's `last_updated_at` lags the wall clock, as its aggregated quotes do in
   * production (tens of seconds).
   */
  quoteLagMs: number;
  /** Extra coins `/coins/list` adds (bench coins), to size the directory like CoinGecko's. */
  directorySize?: number;
}

/** One route's answer to a request: the query, the `:param` segments and the switches. */
export type Handler = (
  query: URLSearchParams,
  params: string[],
  settings: RouteSettings,
) => RouteResult;

/** A normal answer, with what "empty" and "error inside 200" look like on that route. */
export const ok = (
  body: unknown,
  empty: unknown,
  error200: unknown,
  extra: Partial<Reply> = {},
): RouteResult => ({
  reply: { body, ...extra },
  empty,
  error200,
});
