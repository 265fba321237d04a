import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig, type ProviderCategory } from '../../core/config';
import { ProviderError } from '../../core/http';
import { PoolService } from '../pools/pool.service';
import { ProviderDirectory } from '../provider.directory';
import {
  type CallContext,
  type CategoryApi,
  servesCategory,
  type UpstreamAdapter,
} from '../provider.types';
import { CallCancelled } from '../runtime/provider-runtime';
import { hedgedFailover } from './hedged-failover';
import {
  AllProvidersFailedError,
  NotFoundAtProvidersError,
  type ProviderAttempt,
  toAttempt,
} from './provider-attempt';

export interface ProviderResult<T> {
  data: T;
  provider: string;
  attempted: ProviderAttempt[];
}

export interface ExecuteOptions<T> {
  /** What is being fetched, for 404 messages (e.g. "BTC candles"). */
  what?: string;
  /** Treat such a result as "not found here" and fail over (default: an empty array). */
  isEmpty?: (value: T) => boolean;
  callTimeoutMs?: number;
  deadlineMs?: number;
  /** Only these providers, for answers in one provider's namespace (CoinGecko coin ids). */
  only?: readonly string[];
  /**
   * An endpoint with its own breaker and Retry-After at each provider (a news feed's URL), for
   * providers that front many independent upstreams. Keep the set bounded: state is kept per key.
   */
  scope?: string;
  /** A scheduled job's call: providers that keep their budget for requests are left out. */
  background?: boolean;
}

const emptyArray = (value: unknown) => Array.isArray(value) && value.length === 0;

/**
 * Serves a category from its providers: in the pool's order, each behind its breaker, budget and
 * Retry-After cool-down, with a per-call timeout inside an overall deadline, failing over to the
 * next provider on any failure and hedging a silent one (see hedgedFailover). Callers never see
 * HTTP details, only the result and the attempts.
 */
@Injectable()
export class ProviderRegistry {
  constructor(
    private readonly directory: ProviderDirectory,
    private readonly pools: PoolService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async execute<C extends ProviderCategory, T>(
    category: C,
    call: (api: CategoryApi[C], ctx: CallContext) => Promise<T>,
    options: ExecuteOptions<T> = {},
  ): Promise<ProviderResult<T>> {
    const isEmpty = options.isEmpty ?? emptyArray;
    const order = this.pools.orderFor(category);
    const ids = options.only ? order.filter((p) => options.only?.includes(p)) : order;
    const outcome = await hedgedFailover({
      providers: ids.map((id) => this.directory.get(id)),
      call: (runtime, signal) =>
        runtime.call(async () => {
          const api = apiFor(runtime.adapter, category);
          try {
            return await this.nonEmpty(runtime.id, call(api, { signal }), isEmpty);
          } catch (error) {
            throw notOverdue(signal) ?? error;
          }
        }, options.scope),
      callTimeoutMs: options.callTimeoutMs ?? this.config.resilience.callTimeoutMs,
      deadline: AbortSignal.timeout(options.deadlineMs ?? this.config.resilience.deadlineMs),
      hedge: this.config.resilience.hedge,
    });
    if (outcome.ok) {
      return { data: outcome.data, provider: outcome.provider, attempted: outcome.attempted };
    }
    const { attempted } = outcome;
    if (attempted.length > 0 && attempted.every((a) => a.outcome === 'not_found')) {
      throw new NotFoundAtProvidersError(options.what ?? category, attempted);
    }
    throw new AllProvidersFailedError(category, attempted);
  }

  /**
   * Asks every provider of the category at once (each still behind its breaker, budget and
   * cool-down) and returns every answer, for views across sources such as a consensus price.
   */
  async gather<C extends ProviderCategory, T>(
    category: C,
    call: (api: CategoryApi[C], ctx: CallContext) => Promise<T>,
    options: ExecuteOptions<T> = {},
  ): Promise<{ results: { provider: string; data: T }[]; attempted: ProviderAttempt[] }> {
    const callTimeoutMs = options.callTimeoutMs ?? this.config.resilience.callTimeoutMs;
    const isEmpty = options.isEmpty ?? emptyArray;
    const runtimes = this.directory
      .forCategory(category)
      .filter((runtime) => !options.background || runtime.definition.background);
    const settled = await Promise.all(
      runtimes.map(async (runtime) => {
        const started = performance.now();
        try {
          const api = apiFor(runtime.adapter, category);
          const signal = AbortSignal.timeout(callTimeoutMs);
          const data = await runtime.call(() =>
            this.nonEmpty(runtime.id, call(api, { signal }), isEmpty),
          );
          const attempt: ProviderAttempt = {
            provider: runtime.id,
            outcome: 'ok',
            duration_ms: elapsed(started),
          };
          return { data, attempt };
        } catch (error) {
          return { attempt: toAttempt(runtime.id, error, elapsed(started)) };
        }
      }),
    );
    const results = settled.flatMap((s) =>
      'data' in s && s.data !== undefined ? [{ provider: s.attempt.provider, data: s.data }] : [],
    );
    const attempted = settled.map((s) => s.attempt);
    if (results.length === 0) {
      throw new AllProvidersFailedError(category, attempted);
    }
    return { results, attempted };
  }

  private async nonEmpty<T>(
    provider: string,
    pending: Promise<T>,
    isEmpty: (v: T) => boolean,
  ): Promise<T> {
    const value = await pending;
    if (isEmpty(value)) {
      throw new ProviderError({ provider, kind: 'not_found', message: 'no data in the answer' });
    }
    return value;
  }
}

/**
 * The cancellation, when another provider answered before this call's hedge delay ran out: not a
 * failure of this provider, so neither its health nor its breaker hears of it.
 */
function notOverdue(signal: AbortSignal): CallCancelled | undefined {
  const reason: unknown = signal.reason;
  return reason instanceof CallCancelled && !reason.overdue ? reason : undefined;
}

/**
 * The adapter as the category's interface. Pools and the catalogue only name providers whose
 * adapters serve the category (checked at start-up), so the error is a broken invariant.
 */
function apiFor<C extends ProviderCategory>(adapter: UpstreamAdapter, category: C): CategoryApi[C] {
  if (!servesCategory(adapter, category)) {
    throw new Error(`${adapter.id} does not serve ${category}`);
  }
  return adapter;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
