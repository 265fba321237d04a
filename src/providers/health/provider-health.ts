import type { ProviderErrorKind } from '../../core/http';

const WINDOW = 100;
const EWMA_ALPHA = 0.2;

export type BreakerState = 'closed' | 'open' | 'half_open';
export type ProviderStatus = 'active' | 'degraded' | 'down' | 'disabled';

export interface CallOutcome {
  ok: boolean;
  durationMs: number;
  kind?: ProviderErrorKind;
  message?: string;
  at: Date;
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
  private readonly outcomes: boolean[] = [];
  private readonly latencies: number[] = [];
  private calls = 0;
  private failures = 0;
  private ewma: number | null = null;
  private lastSuccessAt: Date | null = null;
  private lastError: HealthStats['lastError'] = null;

  record(outcome: CallOutcome): void {
    this.calls += 1;
    push(this.outcomes, outcome.ok);
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
    const successes = this.outcomes.filter(Boolean).length;
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
