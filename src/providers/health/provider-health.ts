import type { ProviderErrorKind } from '../../core/http';

const WINDOW = 100;
const EWMA_ALPHA = 0.2;
/** What counts as "recent" for health: the calls of the last five minutes. */
export const RECENT_MS = 5 * 60_000;

export type BreakerState = 'closed' | 'open' | 'half_open';
export type ProviderStatus = 'active' | 'degraded' | 'down' | 'disabled';

export interface CallOutcome {
  ok: boolean;
  durationMs: number;
  kind?: ProviderErrorKind;
  message?: string;
  at: Date;
}

/** The calls of the last RECENT_MS (at most the last WINDOW calls). */
export interface RecentCalls {
  calls: number;
  failures: number;
  /** How many of the latest calls failed in a row. */
  failingStreak: number;
}

export interface HealthStats {
  calls: number;
  failures: number;
  /** Share of successes over the last calls (1 when there were none yet). */
  successRate: number;
  latencyEwmaMs: number | null;
  latencyP95Ms: number | null;
  lastSuccessAt: Date | null;
  lastError: { kind: ProviderErrorKind; message: string; at: Date } | null;
}

/**
 * Rolling health of one provider: the last {@link WINDOW} outcomes, a latency EWMA and p95 over
 * successful calls, and the last error. Only failures that say something about the provider
 * (not "unknown symbol") count against it; the caller decides that.
 */
export class ProviderHealth {
  private readonly outcomes: { ok: boolean; at: number }[] = [];
  private readonly latencies: number[] = [];
  private calls = 0;
  private failures = 0;
  private ewma: number | null = null;
  private lastSuccessAt: Date | null = null;
  private lastError: HealthStats['lastError'] = null;

  record(outcome: CallOutcome): void {
    this.calls += 1;
    push(this.outcomes, { ok: outcome.ok, at: outcome.at.getTime() });
    if (outcome.ok) {
      push(this.latencies, outcome.durationMs);
      this.ewma =
        this.ewma === null
          ? outcome.durationMs
          : EWMA_ALPHA * outcome.durationMs + (1 - EWMA_ALPHA) * this.ewma;
      this.lastSuccessAt = outcome.at;
      return;
    }
    this.failures += 1;
    this.lastError = {
      kind: outcome.kind ?? 'network',
      message: outcome.message ?? '',
      at: outcome.at,
    };
  }

  stats(): HealthStats {
    const successes = this.outcomes.filter((o) => o.ok).length;
    return {
      calls: this.calls,
      failures: this.failures,
      successRate: this.outcomes.length === 0 ? 1 : successes / this.outcomes.length,
      latencyEwmaMs: this.ewma === null ? null : Math.round(this.ewma),
      latencyP95Ms: percentile(this.latencies, 0.95),
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
    };
  }

  /**
   * The calls since `now - RECENT_MS`. The score weighs the last hundred calls, so a provider
   * that worked for an hour and fails every call now still scores well for a while; this
   * tells health what is happening now.
   */
  recent(now = Date.now()): RecentCalls {
    const since = now - RECENT_MS;
    const recent = this.outcomes.filter((o) => o.at >= since);
    const lastSuccess = recent.findLastIndex((o) => o.ok);
    return {
      calls: recent.length,
      failures: recent.filter((o) => !o.ok).length,
      failingStreak: recent.length - 1 - lastSuccess,
    };
  }
}

/**
 * 0–100: the success rate, less up to 30 points for slowness (one point per 100 ms of EWMA
 * latency); an open breaker is 0, a half-open one at most 25, a provider waiting out a
 * Retry-After at most 10.
 */
export function healthScore(params: {
  stats: HealthStats;
  breaker: BreakerState;
  coolingDown: boolean;
}): number {
  if (params.breaker === 'open') {
    return 0;
  }
  const latencyPenalty = Math.min(30, (params.stats.latencyEwmaMs ?? 0) / 100);
  let score = params.stats.successRate * 100 - latencyPenalty;
  if (params.breaker === 'half_open') {
    score = Math.min(score, 25);
  }
  if (params.coolingDown) {
    score = Math.min(score, 10);
  }
  return Math.max(0, Math.round(score));
}

/** This many failures in a row, the latest recent, mean the provider is failing now. */
const FAILING_STREAK = 2;
/** A provider that alternates is failing too once this share of enough recent calls failed. */
const MIN_RECENT_CALLS = 4;
const MAX_RECENT_FAILURE_SHARE = 0.5;

/**
 * Why an enabled provider cannot be counted on right now, if so: its breaker is open, its score
 * is down, its latest calls (2 or more) all failed, or at least half of its calls (4 or more) in
 * the last 5 minutes failed.
 */
export function unusableReason(params: {
  breaker: BreakerState;
  status: ProviderStatus;
  recent: RecentCalls;
}): string | undefined {
  const { calls, failures, failingStreak } = params.recent;
  if (params.breaker === 'open') {
    return 'circuit breaker open';
  }
  if (params.status === 'down') {
    return 'health score down';
  }
  if (failingStreak >= FAILING_STREAK) {
    return `its last ${failingStreak} calls failed`;
  }
  if (calls >= MIN_RECENT_CALLS && failures / calls >= MAX_RECENT_FAILURE_SHARE) {
    return `${failures} of ${calls} calls in the last ${RECENT_MS / 60_000} min failed`;
  }
  return undefined;
}

export function statusFor(score: number, available: boolean): ProviderStatus {
  if (!available) {
    return 'disabled';
  }
  return score >= 70 ? 'active' : score >= 30 ? 'degraded' : 'down';
}

export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function push<T>(ring: T[], value: T): void {
  ring.push(value);
  if (ring.length > WINDOW) {
    ring.shift();
  }
}
