import { Injectable } from '@nestjs/common';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import { CoinCatalogue } from './coins/coin-catalogue';
import { backfillIf, storedAnswerMeta } from '../providers/registry/backfill';
import type { HistoryInterval, HistoryResponseDto } from './dto/history.dto';
import { PriceHistoryStore } from './price-history.store';
import { DAY_MS, missingRange } from './history-range';

const BUCKETS: Record<Exclude<HistoryInterval, 'auto'>, number> = {
  '5m': 300_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};
const AUTO_MAX_POINTS = 1_000;
const HOUR_MS = 3_600_000;

/** The finest bucket that keeps a span under about 1,000 points. */
export function autoInterval(spanMs: number): Exclude<HistoryInterval, 'auto'> {
  const fits = (Object.keys(BUCKETS) as (keyof typeof BUCKETS)[]).find(
    (name) => spanMs / BUCKETS[name] <= AUTO_MAX_POINTS,
  );
  return fits ?? '1d';
}

/** Price history from the database, downsampled, backfilled from upstream when it falls short. */
@Injectable()
export class PriceHistoryService {
  constructor(
    private readonly coins: CoinCatalogue,
    private readonly store: PriceHistoryStore,
    private readonly registry: ProviderRegistry,
  ) {}

  async history(params: {
    symbol: string;
    from: Date;
    to: Date;
    interval: HistoryInterval;
  }): Promise<HistoryResponseDto> {
    const coin = this.coins.require(params.symbol);
    const { from, to } = params;
    const interval =
      params.interval === 'auto' ? autoInterval(to.getTime() - from.getTime()) : params.interval;
    const bucketMs = BUCKETS[interval];
    // Upstream history is hourly at best for most ranges (daily beyond 90 days): a point up to
    // that far inside an end still covers it, or every query would backfill the same gap again.
    const sourceStep = to.getTime() - from.getTime() > 90 * DAY_MS ? DAY_MS : HOUR_MS;
    const missing = missingRange({
      from,
      to,
      stored: await this.store.span(coin.symbol, from, to),
      toleranceMs: Math.max(bucketMs, sourceStep),
    });
    const backfill = await backfillIf(missing !== null, async () => {
      const range = missing ?? { from, to };
      const { data, provider, attempted } = await this.registry.execute(
        'history',
        (api, ctx) => api.getPriceHistory({ coin, ...range, ctx }),
        { what: `${coin.symbol} price history` },
      );
      await this.store.saveHistory(coin.symbol, data, provider);
      return { provider, points: data.length, attempted };
    });
    const points = await this.store.buckets({ symbol: coin.symbol, from, to, bucketMs });
    return {
      data: points.map((p) => ({
        timestamp: p.timestamp.toISOString(),
        price: p.price,
        volume_24h: p.volume24h ?? null,
        market_cap: p.marketCap ?? null,
      })),
      meta: {
        ...storedAnswerMeta(backfill, {
          rows: points.length,
          newest: points.at(-1)?.timestamp ?? null,
        }),
        symbol: coin.symbol,
        interval,
        points: points.length,
        from: from.toISOString(),
        to: to.toISOString(),
      },
    };
  }
}
