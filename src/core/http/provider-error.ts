/** Every way an upstream call can fail, classified once at the adapter boundary. */
export const PROVIDER_ERROR_KINDS = [
  'timeout',
  'network',
  'rate_limited',
  'auth',
  'geo_blocked',
  'upstream_5xx',
  'bad_payload',
  'not_found',
  'bad_request',
  /** A redirect to a non-public address (or one past the limit) was not followed. */
  'unsafe_redirect',
] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

/** Kinds that say something about the provider's health (a missing coin does not). */
const HEALTH_FAILURES: ReadonlySet<ProviderErrorKind> = new Set([
  'timeout',
  'network',
  'auth',
  'geo_blocked',
  'upstream_5xx',
  'bad_payload',
  'unsafe_redirect',
]);

export class ProviderError extends Error {
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  /** When the upstream said when to come back (Retry-After), in milliseconds from now. */
  readonly retryAfterMs?: number;

  constructor(params: {
    provider: string;
    kind: ProviderErrorKind;
    message: string;
    status?: number;
    retryAfterMs?: number;
  }) {
    super(params.message);
    this.name = 'ProviderError';
    this.provider = params.provider;
    this.kind = params.kind;
    this.status = params.status;
    this.retryAfterMs = params.retryAfterMs;
  }

  /** Counts against the provider's health and its circuit breaker. */
  get isHealthFailure(): boolean {
    return HEALTH_FAILURES.has(this.kind);
  }
}
