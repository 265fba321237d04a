import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
} from 'cockatiel';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { ProviderDefinition } from '../../core/config';
import type { CoolingNotice } from '../../core/cluster/provider-sharing';
import { type LimiterFactory, memoryLimiter } from '../../core/redis/redis-limiter';
import { ProviderError } from '../../core/http';
import {
  type BreakerState,
  healthScore,
  ProviderHealth,
  type ProviderStatus,
  statusFor,
  unusableReason,
} from '../health/provider-health';
import type { UpstreamAdapter } from '../provider.types';

export interface BreakerOptions {
  /** Consecutive health failures that open the breaker. */
  threshold: number;
  /** First half-open probe after this long, doubling up to maxCooldownMs. */
  cooldownMs: number;
  maxCooldownMs: number;
}

/** How a runtime shares with other replicas: its budget's counters, and cool-downs it meets. */
export interface RuntimeSharing {
  newLimiter: LimiterFactory;
  announce(notice: CoolingNotice): void;
}

export interface ProviderSettings {
  enabled: boolean;
  priority: number;
}

/** The provider as a whole; other scopes are endpoints behind one provider (news feeds). */
const WHOLE = '';

/** Why a provider was not called at all. */
export class ProviderSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * A call aborted because another provider answered first. One still within its hedge delay says
 * nothing about its provider and is recorded nowhere; an overdue one was as good as timed out
 * and is recorded as the timeout its abort produces.
 */
export class CallCancelled extends Error {
  constructor(
    reason: string,
    readonly overdue: boolean,
  ) {
    super(reason);
  }
}

/**
 * Everything the registry knows about one provider at run time: its adapter, the operator's
 * settings, rolling health, a circuit breaker (cockatiel), the request budget from the catalogue
 * (rate-limiter-flexible token bucket) and any Retry-After cool-down. Breaker and cool-down are
 * kept per scope: the provider as a whole, or one endpoint of a provider that fronts many
 * independent upstreams (each news feed), so a broken feed never stops the healthy ones. With
 * several replicas the budget is counted in Redis and cool-downs and breaker openings are
 * announced, so the replicas together keep to the provider's quota.
 */
export class ProviderRuntime {
  readonly health = new ProviderHealth();
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();
  private readonly budget: RateLimiterAbstract;
  private readonly coolingUntil = new Map<string, number>();
  /** Why a scope cools down when it is not the provider's own Retry-After. */
  private readonly coolingWhy = new Map<string, string>();

  constructor(
    readonly definition: ProviderDefinition,
    readonly adapter: UpstreamAdapter,
    public settings: ProviderSettings,
    private readonly breakerOptions: BreakerOptions,
    private readonly sharing?: RuntimeSharing,
  ) {
    this.budget = (sharing?.newLimiter ?? memoryLimiter)({
      points: definition.rateLimit.limit,
      duration: definition.rateLimit.windowSeconds,
      keyPrefix: 'budget',
    });
  }

  /** A cool-down another replica met (a Retry-After, or a breaker it opened). */
  coolDown(notice: CoolingNotice): void {
    if (notice.until > (this.coolingUntil.get(notice.scope) ?? 0)) {
      this.coolingUntil.set(notice.scope, notice.until);
      this.coolingWhy.set(notice.scope, notice.reason);
    }
  }

  get id(): string {
    return this.definition.id;
  }

  /** Why this provider cannot be used right now regardless of health, if so. */
  get unavailableReason(): string | undefined {
    return (
      this.adapter.unavailableReason ?? (this.settings.enabled ? undefined : 'disabled by operator')
    );
  }

  get breakerState(): BreakerState {
    switch (this.breakers.get(WHOLE)?.state ?? CircuitState.Closed) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half_open';
      case CircuitState.Open:
      case CircuitState.Isolated:
        return 'open';
    }
  }

  coolingDownMs(scope = WHOLE): number {
    return Math.max(0, (this.coolingUntil.get(scope) ?? 0) - Date.now());
  }

  score(): number {
    return healthScore({
      stats: this.health.stats(),
      breaker: this.breakerState,
      coolingDown: this.coolingDownMs() > 0,
    });
  }

  status(): ProviderStatus {
    return statusFor(this.score(), this.unavailableReason === undefined);
  }

  /** Why health should not count this provider as usable now (see unusableReason). */
  unusableReason(): string | undefined {
    return unusableReason({
      breaker: this.breakerState,
      status: this.status(),
      recent: this.health.recent(),
    });
  }

  async budgetLeft(): Promise<number> {
    const used = await this.budget.get(this.id);
    return used ? Math.max(0, used.remainingPoints) : this.definition.rateLimit.limit;
  }

  /**
   * Runs one upstream call under the scope's breaker and Retry-After cool-down and the provider's
   * budget, and records its outcome in the provider's health (so a whole-provider outage still
   * shows). Throws ProviderSkipped when the provider was not called at all.
   */
  async call<T>(work: () => Promise<T>, scope = WHOLE): Promise<T> {
    this.ensureCallable(scope);
    try {
      return await this.breaker(scope).execute(async () => {
        await this.takeBudget();
        return this.measure(work, scope);
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new ProviderSkipped('circuit open after repeated failures');
      }
      throw error;
    }
  }

  /**
   * A fresh ping that bypasses the breaker (so an operator can see a provider come back) but not
   * the budget or a Retry-After: those protect the deployment's IP.
   */
  async probe(timeoutMs: number): Promise<void> {
    this.ensureCallable(WHOLE);
    await this.takeBudget();
    await this.measure(
      () => this.adapter.ping({ ctx: { signal: AbortSignal.timeout(timeoutMs) } }),
      WHOLE,
    );
  }

  /** Closes every open breaker, each scope's too (operator's check or diagnostics auto-fix). */
  resetBreaker(): void {
    this.breakers.clear();
  }

  private ensureCallable(scope: string): void {
    const unavailable = this.unavailableReason;
    if (unavailable) {
      throw new ProviderSkipped(unavailable);
    }
    const cooling = this.coolingDownMs(scope);
    if (cooling > 0) {
      const why = this.coolingWhy.get(scope) ?? 'rate limited upstream';
      throw new ProviderSkipped(`${why}, retry in ${Math.ceil(cooling / 1000)} s`);
    }
  }

  private async takeBudget(): Promise<void> {
    try {
      await this.budget.consume(this.id);
    } catch (rejection) {
      const wait = rejection instanceof RateLimiterRes ? rejection.msBeforeNext : 1000;
      throw new ProviderSkipped(`request budget used up, refills in ${Math.ceil(wait / 1000)} s`);
    }
  }

  private async measure<T>(work: () => Promise<T>, scope: string): Promise<T> {
    const started = performance.now();
    try {
      const value = await work();
      this.health.record({ ok: true, durationMs: performance.now() - started, at: new Date() });
      return value;
    } catch (error) {
      if (error instanceof CallCancelled) {
        throw error;
      }
      const failure = error instanceof ProviderError ? error : undefined;
      if (failure?.kind === 'rate_limited') {
        const until = Date.now() + (failure.retryAfterMs ?? 60_000);
        this.coolingUntil.set(scope, until);
        this.coolingWhy.delete(scope);
        const reason = 'rate limited upstream (seen by another replica)';
        this.sharing?.announce({ provider: this.id, scope, until, reason });
      }
      if (!failure || failure.isHealthFailure || failure.kind === 'rate_limited') {
        this.health.record({
          ok: false,
          durationMs: performance.now() - started,
          kind: failure?.kind ?? 'bad_payload',
          message: failure?.message ?? String(error),
          at: new Date(),
        });
      }
      throw error;
    }
  }

  /** The scope's breaker, created closed on first use. */
  private breaker(scope: string): CircuitBreakerPolicy {
    let breaker = this.breakers.get(scope);
    if (!breaker) {
      breaker = this.newBreaker();
      // Other replicas skip the provider for the first half-open delay instead of each tripping.
      breaker.onBreak(() =>
        this.sharing?.announce({
          provider: this.id,
          scope,
          until: Date.now() + this.breakerOptions.cooldownMs,
          reason: 'circuit opened on another replica',
        }),
      );
      this.breakers.set(scope, breaker);
    }
    return breaker;
  }

  private newBreaker(): CircuitBreakerPolicy {
    const { threshold, cooldownMs, maxCooldownMs } = this.breakerOptions;
    return circuitBreaker(
      handleWhen((error) =>
        error instanceof ProviderError
          ? error.isHealthFailure
          : !(error instanceof ProviderSkipped || error instanceof CallCancelled),
      ),
      {
        halfOpenAfter: new ExponentialBackoff({
          initialDelay: cooldownMs,
          maxDelay: maxCooldownMs,
        }),
        breaker: new ConsecutiveBreaker(threshold),
      },
    );
  }
}
