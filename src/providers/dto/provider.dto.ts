import { ListMetaDto } from '../../core/web/dto/response-meta.dto';
import { ProviderAttemptDto } from '../../core/web/dto/error-response.dto';

export class ProviderLastErrorDto {
  /** Failure class. @example "timeout" */
  kind!: string;

  /** @example "/simple/price: timed out" */
  message!: string;

  /** @example "2026-11-28T02:00:00.000Z" */
  at!: string;
}

export class ProviderBudgetDto {
  /** Requests allowed per window, from config/providers.json. @example 30 */
  limit!: number;

  /** @example 60 */
  window_seconds!: number;

  /** Requests left in the current window. @example 27 */
  remaining!: number;
}

export class ProviderHealthStatsDto {
  /** Calls made since start. */
  calls!: number;

  failures!: number;

  /** Share of successful calls among the last 100 (1 when none yet). @example 0.98 */
  success_rate!: number;

  /** Exponentially weighted average latency of successful calls. @example 180 */
  latency_ewma_ms!: number | null;

  /** 95th percentile latency over the last 100 successful calls. @example 420 */
  latency_p95_ms!: number | null;

  last_success_at!: string | null;

  last_error!: ProviderLastErrorDto | null;
}

export class ProviderDto {
  /** @example "coingecko" */
  id!: string;

  /** @example "CoinGecko" */
  name!: string;

  /** Kinds of data this provider serves. @example ["prices","market"] */
  categories!: string[];

  /** Configured base URL(s). */
  base_url!: string;

  website!: string;

  /** Lower is tried first (within the priority strategy). @example 10 */
  priority!: number;

  /** Operator switch (PATCH /api/providers/:id). */
  enabled!: boolean;

  /** Needs an API key to be used at all. */
  needs_key!: boolean;

  /** active, degraded, down or disabled. @example "active" */
  status!: string;

  /** 0–100, drives selection. @example 97 */
  health_score!: number;

  /** Why the provider is not used, when it is not (e.g. "needs key (COINCAP_API_KEY)"). */
  unavailable_reason!: string | null;

  /** closed, open or half_open. @example "closed" */
  breaker!: string;

  /** Seconds left of an upstream Retry-After. @example 0 */
  cooling_down_seconds!: number;

  budget!: ProviderBudgetDto;

  health!: ProviderHealthStatsDto;
}

export class ProbeResultDto {
  /** @example "coingecko" */
  provider!: string;

  /** True when the upstream answered the probe correctly. */
  ok!: boolean;

  /** What happened, as in meta.attempted. */
  attempt!: ProviderAttemptDto;

  /** The provider after the probe. */
  state!: ProviderDto;
}

export class ProviderCallStatsDto {
  /** @example "binance" */
  provider!: string;

  /** Upstream calls in the window. @example 120 */
  calls!: number;

  /** Calls without a 2xx/3xx answer. @example 3 */
  errors!: number;

  /** @example 0.025 */
  error_rate!: number;

  /** @example 140 */
  latency_p50_ms!: number | null;

  /** @example 610 */
  latency_p95_ms!: number | null;
}

export class ProviderStatsDto {
  /** @example "1h" */
  window!: string;

  /** Start of the window (ISO 8601). */
  from!: string;

  providers!: ProviderCallStatsDto[];
}

export class ProvidersResponseDto {
  data!: ProviderDto[];

  meta!: ListMetaDto;
}
