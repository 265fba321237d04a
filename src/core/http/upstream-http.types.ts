import type { ProviderError } from './provider-error';

export type QueryValue = string | number | boolean | undefined;

export interface UpstreamRequest {
  /** Provider id, used for classification, logging and the api_calls record. */
  provider: string;
  baseUrl: string;
  /** Path appended to the base URL, e.g. `/simple/price`. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Aborts the call (per-call timeout and overall deadline, combined by the caller). */
  signal: AbortSignal;
  /** Largest body accepted; larger is a bad payload. Default 25 MB. */
  maxBytes?: number;
  /** Non-2xx statuses the caller interprets itself (e.g. 304 for conditional GET). */
  acceptStatuses?: number[];
  /** Reads a provider's own error body (error codes) before the generic status mapping. */
  refineError?: (response: UpstreamResponse) => ProviderError | undefined;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** One finished upstream call, as the api_calls recorder and health tracking see it. */
export interface UpstreamCallRecord {
  provider: string;
  endpoint: string;
  /** HTTP status, or the failure class when there was none. */
  status: string;
  durationMs: number | null;
  at: Date;
}
