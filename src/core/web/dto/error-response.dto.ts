/** How one upstream provider fared while serving a request. */
export class ProviderAttemptDto {
  /** Provider id. @example "coingecko" */
  provider!: string;

  /** ok, skipped (not called: disabled, breaker open, budget or Retry-After), cancelled (still out when another provider answered first: hedged failover), or the failure class (timeout, network, rate_limited, auth, geo_blocked, upstream_5xx, bad_payload, not_found, bad_request, unsafe_redirect). @example "timeout" */
  outcome!: string;

  /** Why it failed or was skipped. @example "/simple/price: timed out" */
  reason?: string;

  /** Time spent on this provider. @example 5003 */
  duration_ms?: number;
}

/** The one error shape every failing request gets. */
export class ErrorResponseDto {
  /** HTTP status code. @example 404 */
  statusCode!: number;

  /** HTTP reason phrase. @example "Not Found" */
  error!: string;

  /** What went wrong, in words meant for the caller. @example "Cannot GET /api/nope" */
  message!: string;

  /** The request id, also sent as the X-Request-Id header; quote it when reporting a problem. @example "5f0c8b3e-7d1a-4c55-9a8e-2b1d0c3f4a6e" */
  requestId!: string;

  /** On 503/404 from upstream data: each provider tried and why it did not answer. */
  attempted?: ProviderAttemptDto[];

  /** On 429: seconds until the limit resets (also sent as Retry-After). @example 42 */
  retry_after?: number;
}
