import type { z } from 'zod';
import type { KnownCoin } from '../../../core/config';
import type { MarketCoin, PricePoint, PriceQuote } from '../../provider.types';
import { fromSeconds } from '../payload-fields';
import type { marketChartRangeSchema, marketsSchema, simplePriceSchema } from './coingecko.schemas';

type MarketRow = z.output<typeof marketsSchema>[number];

/** What `/simple/price` adds beside each price. */
export const PRICE_EXTRAS = {
  include_market_cap: true,
  include_24hr_vol: true,
  include_24hr_change: true,
  include_last_updated_at: true,
};

/** Each coin `/simple/price` quoted, in USD; coins it left out are left out. */
export function usdQuotesFrom(
  body: z.output<typeof simplePriceSchema>,
  coins: KnownCoin[],
): PriceQuote[] {
  return coins.flatMap((coin) => {
    const quote = body[coin.coingeckoId];
    return quote
      ? [
          {
            symbol: coin.symbol,
            name: coin.name,
            price: quote.usd,
            change24h: quote.usd_24h_change ?? null,
            volume24h: quote.usd_24h_vol ?? null,
            marketCap: quote.usd_market_cap ?? null,
            // Asked for with include_last_updated_at; absent, the quote's age is unknown.
            lastUpdated: quote.last_updated_at ? fromSeconds(quote.last_updated_at) : new Date(),
            timeUnknown: !quote.last_updated_at,
          },
        ]
      : [];
  });
}

/** Asked on every market list, so each coin carries CoinGecko's 1 h and 7 d changes too. */
export const PRICE_CHANGE_WINDOWS = '1h,24h,7d';

/** A priced row of /coins/markets as a MarketCoin (rows without a price are dropped first). */
export function toMarketCoin(row: MarketRow & { current_price: number }): MarketCoin {
  return {
    id: row.id,
    rank: row.market_cap_rank,
    symbol: row.symbol.toUpperCase(),
    name: row.name,
    price: row.current_price,
    // The full-precision figure when CoinGecko sent it; price_change_percentage_24h is rounded.
    change24h: row.price_change_percentage_24h_in_currency ?? row.price_change_percentage_24h,
    change1h: row.price_change_percentage_1h_in_currency ?? null,
    change7d: row.price_change_percentage_7d_in_currency ?? null,
    volume24h: row.total_volume,
    marketCap: row.market_cap,
    lastUpdated: row.last_updated ? new Date(row.last_updated) : new Date(),
    timeUnknown: !row.last_updated,
  };
}

export function priced(row: MarketRow): row is MarketRow & { current_price: number } {
  return row.current_price !== null;
}

/**
 * The three series of `market_chart/range` as points: CoinGecko gives them on the same
 * timestamps, so cap and volume are joined to each price by its exact time (null where absent).
 */
export function toHistoryPoints(chart: z.output<typeof marketChartRangeSchema>): PricePoint[] {
  const caps = new Map(chart.market_caps);
  const volumes = new Map(chart.total_volumes);
  return chart.prices.map(([ms, price]) => ({
    timestamp: new Date(ms),
    price,
    marketCap: caps.get(ms) ?? null,
    volume24h: volumes.get(ms) ?? null,
  }));
}
