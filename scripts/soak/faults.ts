import type { Fault, FakeUpstream } from '../../test/fake-upstream/fake-upstream';

/** Every HTTP upstream the fake speaks for (`binance`: its three REST hosts; `rss`: the feeds). */
export const UPSTREAMS = [
  'coingecko',
  'binance',
  'kraken',
  'coincap',
  'cryptocompare',
  'defillama',
  'alternative-me',
  'rss',
  'coinpaprika',
  'coinlore',
] as const;

/** What the soak injects, named for the report; `timeout` outlasts PROVIDER_TIMEOUT_MS. */
export function faultsFor(providerTimeoutMs: number): { name: string; fault: Fault }[] {
  return [
    { name: 'timeout', fault: { type: 'delay', ms: providerTimeoutMs + 1_000 } },
    { name: 'hang', fault: { type: 'hang' } },
    { name: 'reset', fault: { type: 'reset' } },
    { name: '429 Retry-After', fault: { type: 'status', status: 429, retryAfter: 5 } },
    { name: '5xx', fault: { type: 'status', status: 502 } },
    { name: 'HTML challenge', fault: { type: 'html', status: 403 } },
    { name: '200 with error body', fault: { type: 'error200' } },
    { name: 'malformed JSON', fault: { type: 'malformed' } },
    { name: 'truncated JSON', fault: { type: 'truncated' } },
    { name: 'wrong types', fault: { type: 'wrongTypes' } },
    { name: 'empty answer', fault: { type: 'empty' } },
  ];
}

export interface Phase {
  upstream: string;
  fault: string;
}

/**
 * Phase i of the schedule, as indices: upstream i mod U with fault (i mod U + ⌊i / U⌋) mod F.
 * Consecutive phases move to the next upstream, each upstream's fault moves on by one per round,
 * so any U × F consecutive phases cover every pair, whatever U and F are.
 */
export function phaseAt(
  index: number,
  upstreams: number,
  faults: number,
): { upstream: number; fault: number } {
  const upstream = index % upstreams;
  return { upstream, fault: (upstream + Math.floor(index / upstreams)) % faults };
}

export class FaultSchedule {
  readonly applied: Phase[] = [];
  private readonly faults: { name: string; fault: Fault }[];

  constructor(
    private readonly fake: FakeUpstream,
    providerTimeoutMs: number,
  ) {
    this.faults = faultsFor(providerTimeoutMs);
  }

  /** Clears the previous phase's fault and sets phase `index`'s. */
  enter(index: number): Phase {
    const at = phaseAt(index, UPSTREAMS.length, this.faults.length);
    const upstream = UPSTREAMS[at.upstream];
    const { name, fault } = this.faults[at.fault];
    this.fake.clear();
    this.fake.release();
    this.fake.inject(upstream, fault);
    const phase = { upstream, fault: name };
    this.applied.push(phase);
    return phase;
  }

  end(): void {
    this.fake.clear();
    this.fake.release();
  }
}
