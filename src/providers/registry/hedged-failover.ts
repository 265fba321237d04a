import { CallCancelled, type ProviderRuntime } from '../runtime/provider-runtime';
import { type ProviderAttempt, toAttempt } from './provider-attempt';

export interface HedgeBounds {
  minMs: number;
  maxMs: number;
}

export interface FailoverParams<T> {
  /** In the order to ask them. */
  providers: readonly ProviderRuntime[];
  /** One provider's call (under its runtime: breaker, budget); the signal ends it. */
  call: (runtime: ProviderRuntime, signal: AbortSignal) => Promise<T>;
  callTimeoutMs: number;
  deadline: AbortSignal;
  /** null: plain failover, the next provider only after a failure. */
  hedge: HedgeBounds | null;
}

export type FailoverOutcome<T> =
  | { ok: true; data: T; provider: string; attempted: ProviderAttempt[] }
  | { ok: false; attempted: ProviderAttempt[] };

/**
 * How long a provider may stay silent before the next one is asked as well: its observed p95
 * latency within the bounds, the upper bound while nothing has been observed yet.
 */
export function hedgeDelayMs(runtime: ProviderRuntime, bounds: HedgeBounds): number {
  const p95 = runtime.health.stats().latencyP95Ms ?? bounds.maxMs;
  return Math.min(bounds.maxMs, Math.max(bounds.minMs, p95));
}

/**
 * Whether a hedge may ask this provider. One that keeps its budget for requests that need it
 * (catalogue `background: false`) is asked only after a failure, never speculatively while
 * another call may still answer.
 */
function hedgeable(runtime: ProviderRuntime): boolean {
  return runtime.definition.background;
}

/**
 * Asks the providers in order until one answers well. The next one is asked at once when the
 * only call out fails, and also, when hedging, once the newest call has been silent for its hedge
 * delay (the first hedgeable provider in order); the first good answer wins and the calls still
 * out are aborted. Attempts are listed in the order the providers were asked.
 */
export function hedgedFailover<T>(params: FailoverParams<T>): Promise<FailoverOutcome<T>> {
  return new HedgedFailover(params).run();
}

interface Flight<T> {
  runtime: ProviderRuntime;
  /** Its place in `attempted`. */
  slot: number;
  started: number;
  hedgeAfterMs: number;
  controller: AbortController;
  landed: Promise<Landing<T>>;
}

type Landing<T> = { flight: Flight<T>; data: T } | { flight: Flight<T>; error: unknown };

class HedgedFailover<T> {
  private readonly queue: ProviderRuntime[];
  private readonly attempted: ProviderAttempt[] = [];
  private readonly flying = new Set<Flight<T>>();
  private newest?: Flight<T>;

  constructor(private readonly params: FailoverParams<T>) {
    this.queue = [...params.providers];
  }

  async run(): Promise<FailoverOutcome<T>> {
    this.launch();
    while (this.flying.size > 0) {
      const landing = await this.next();
      if (landing === 'hedge') {
        this.launch(true);
        continue;
      }
      const { flight } = landing;
      this.flying.delete(flight);
      const provider = flight.runtime.id;
      if ('data' in landing) {
        this.attempted[flight.slot] = { provider, outcome: 'ok', duration_ms: since(flight) };
        this.cancelOthers(provider);
        return { ok: true, data: landing.data, provider, attempted: this.attempted };
      }
      this.attempted[flight.slot] = toAttempt(provider, landing.error, since(flight));
      // A call still out keeps its own hedge timer: a failure only fills an empty field.
      if (this.flying.size === 0) {
        this.launch();
      }
    }
    return { ok: false, attempted: this.attempted };
  }

  /** Asks the next provider, recording those the request's deadline leaves no time for. */
  private launch(hedging = false): void {
    const { deadline, callTimeoutMs, hedge } = this.params;
    for (let runtime = this.take(hedging); runtime; runtime = this.take(hedging)) {
      if (deadline.aborted) {
        this.attempted.push({
          provider: runtime.id,
          outcome: 'skipped',
          reason: 'request deadline reached',
        });
        continue;
      }
      const controller = new AbortController();
      const signal = AbortSignal.any([
        deadline,
        controller.signal,
        AbortSignal.timeout(callTimeoutMs),
      ]);
      const flight = {
        runtime,
        slot: this.attempted.push({ provider: runtime.id, outcome: 'skipped' }) - 1,
        started: performance.now(),
        hedgeAfterMs: hedge ? hedgeDelayMs(runtime, hedge) : Number.POSITIVE_INFINITY,
        controller,
      } as Flight<T>;
      flight.landed = this.params.call(runtime, signal).then(
        (data) => ({ flight, data }),
        (error: unknown) => ({ flight, error }),
      );
      this.flying.add(flight);
      this.newest = flight;
      return;
    }
  }

  /** The next provider to ask: the first in order, or for a hedge the first hedgeable one. */
  private take(hedging: boolean): ProviderRuntime | undefined {
    const index = hedging ? this.queue.findIndex(hedgeable) : 0;
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  /** The next call to land, or 'hedge' when the newest one has been silent for its delay. */
  private async next(): Promise<Landing<T> | 'hedge'> {
    const landings = [...this.flying].map((f) => f.landed);
    const newest = this.newest;
    if (!newest || !this.flying.has(newest) || !this.queue.some(hedgeable) || !this.params.hedge) {
      return Promise.race(landings);
    }
    let timer: NodeJS.Timeout | undefined;
    const hedge = new Promise<'hedge'>((resolve) => {
      timer = setTimeout(() => resolve('hedge'), Math.max(0, newest.hedgeAfterMs - since(newest)));
    });
    try {
      return await Promise.race([...landings, hedge]);
    } finally {
      clearTimeout(timer);
    }
  }

  private cancelOthers(winner: string): void {
    for (const flight of this.flying) {
      const ms = since(flight);
      const overdue = ms >= flight.hedgeAfterMs;
      flight.controller.abort(new CallCancelled(`${winner} answered first`, overdue));
      this.attempted[flight.slot] = {
        provider: flight.runtime.id,
        outcome: 'cancelled',
        reason: `no answer in ${ms} ms${overdue ? ` (hedged after ${flight.hedgeAfterMs} ms)` : ''}; ${winner} answered first`,
        duration_ms: ms,
      };
    }
    this.flying.clear();
  }
}

function since(flight: { started: number }): number {
  return Math.round(performance.now() - flight.started);
}
