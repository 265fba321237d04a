import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ProviderError } from '../../core/http';
import { ProviderDirectory } from '../../providers/provider.directory';
import { servesCategory } from '../../providers/provider.types';
import { ProviderRegistry } from '../../providers/registry/provider-registry';
import { PairListStore } from './pair-list.store';

const MAX_AGE_MS = 24 * 3600_000;

/** A pair as asked (`ETHBTC`, `BTC-EUR`), with each exchange's own id for it. */
export interface ResolvedPair {
  base: string;
  quote: string;
  /** Provider id → that exchange's pair id. */
  ids: Record<string, string>;
}

/** `BTC-EUR` → one split; `ETHBTC` → every split with at least two letters each side. */
export function pairSplits(symbol: string): { base: string; quote: string }[] {
  const upper = symbol.toUpperCase();
  const dashed = /^([A-Z0-9]+)-([A-Z0-9]+)$/.exec(upper);
  if (dashed) {
    return [{ base: dashed[1], quote: dashed[2] }];
  }
  if (!/^[A-Z0-9]{4,}$/.test(upper)) {
    return [];
  }
  return Array.from({ length: upper.length - 3 }, (_, i) => ({
    base: upper.slice(0, i + 2),
    quote: upper.slice(i + 2),
  }));
}

/**
 * Resolves pairs through each exchange's stored pair list: fetched at start when missing or a day
 * old and daily after (the market job), and on a lookup when an exchange has none stored yet.
 */
@Injectable()
export class PairDirectory {
  private readonly logger = new Logger(PairDirectory.name);

  constructor(
    private readonly providers: ProviderDirectory,
    private readonly registry: ProviderRegistry,
    private readonly store: PairListStore,
  ) {}

  /** Exchanges that publish a pair list. */
  exchanges(): string[] {
    return this.providers
      .forCategory('ohlcv')
      .filter((r) => servesCategory(r.adapter, 'ohlcv') && r.adapter.listPairs !== undefined)
      .map((r) => r.id);
  }

  async isStale(now = Date.now()): Promise<boolean> {
    const fetched = await this.store.fetchedAt();
    return this.exchanges().some((id) => now - (fetched.get(id)?.getTime() ?? 0) > MAX_AGE_MS);
  }

  /** Fetches every exchange's list; fails only when none could be fetched. */
  async refresh(exchanges = this.exchanges()): Promise<number> {
    const results = await Promise.allSettled(exchanges.map((id) => this.refreshOne(id)));
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [`${exchanges[i]}: ${(r.reason as Error).message}`] : [],
    );
    if (failed.length > 0) {
      this.logger.warn(`pair lists not refreshed: ${failed.join('; ')}`);
    }
    if (exchanges.length > 0 && failed.length === exchanges.length) {
      throw new Error(`no pair list fetched: ${failed.join('; ')}`);
    }
    return results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value : 0), 0);
  }

  /** Each exchange's id for the pair; a 404 naming the exchanges checked when none lists it. */
  async resolve(symbol: string): Promise<ResolvedPair> {
    const exchanges = this.exchanges();
    const fetched = await this.store.fetchedAt();
    const missing = exchanges.filter((id) => !fetched.has(id));
    if (missing.length > 0) {
      await this.refresh(missing).catch((error: Error) => this.logger.warn(error.message));
    }
    const rows = (await this.store.find(pairSplits(symbol))).filter((r) =>
      exchanges.includes(r.exchange),
    );
    const best = mostListed(rows);
    if (!best) {
      throw new NotFoundException(
        `Unknown symbol "${symbol}": not a coin the service knows, nor a pair listed at ${exchanges.join(', ') || 'any exchange'}`,
      );
    }
    return best;
  }

  private async refreshOne(id: string): Promise<number> {
    const { data } = await this.registry.execute(
      'ohlcv',
      (api, ctx) => {
        if (!api.listPairs) {
          throw new ProviderError({ provider: id, kind: 'not_found', message: 'no pair list' });
        }
        return api.listPairs({ ctx });
      },
      { only: [id], what: `${id} pair list` },
    );
    await this.store.replace(id, data, new Date());
    return data.length;
  }
}

/** Of the splits found (`ETHBTC` could in principle read two ways), the one most exchanges list. */
export function mostListed(
  rows: readonly { exchange: string; symbol: string; base: string; quote: string }[],
): ResolvedPair | undefined {
  const bySplit = new Map<string, ResolvedPair>();
  for (const row of rows) {
    const key = `${row.base}/${row.quote}`;
    const pair = bySplit.get(key) ?? { base: row.base, quote: row.quote, ids: {} };
    pair.ids[row.exchange] = row.symbol;
    bySplit.set(key, pair);
  }
  return [...bySplit.values()].sort(
    (a, b) => Object.keys(b.ids).length - Object.keys(a.ids).length,
  )[0];
}
