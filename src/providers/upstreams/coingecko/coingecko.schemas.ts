import { z } from 'zod';
import { filledList, finite, nullableNumber } from '../payload-fields';

/** CoinGecko v3 payloads, validated before use: only the fields the adapter reads. */

export const simplePriceSchema = z.record(
  z.string(),
  z.object({
    usd: finite,
    usd_market_cap: nullableNumber.optional(),
    usd_24h_vol: nullableNumber.optional(),
    usd_24h_change: nullableNumber.optional(),
    last_updated_at: finite.optional(),
  }),
);
const marketRow = z.object({
  id: z.string(),
  symbol: z.string(),
  name: z.string(),
  current_price: nullableNumber,
  market_cap: nullableNumber,
  market_cap_rank: nullableNumber,
  total_volume: nullableNumber,
  price_change_percentage_24h: nullableNumber,
  // Present when asked for with price_change_percentage=1h,24h,7d; may be null.
  price_change_percentage_1h_in_currency: nullableNumber.optional(),
  price_change_percentage_24h_in_currency: nullableNumber.optional(),
  price_change_percentage_7d_in_currency: nullableNumber.optional(),
  last_updated: z.string().nullable(),
});
/** Pages past the end of the market list are legitimately empty. */
export const marketsSchema = z.array(marketRow);
export const topMarketsSchema = filledList(marketRow);
export const trendingSchema = z.object({
  coins: filledList(
    z.object({
      item: z.object({
        id: z.string(),
        name: z.string(),
        symbol: z.string(),
        market_cap_rank: nullableNumber,
        score: finite,
        data: z.object({ price: nullableNumber.optional() }).optional(),
      }),
    }),
  ),
});
export const globalSchema = z.object({
  data: z.object({
    active_cryptocurrencies: finite,
    total_market_cap: z.record(z.string(), finite),
    total_volume: z.record(z.string(), finite),
    market_cap_percentage: z.record(z.string(), finite),
    market_cap_change_percentage_24h_usd: nullableNumber,
    updated_at: finite,
  }),
});
const series = z.array(z.tuple([finite, finite]));
/** `market_chart/range`: three series on the same timestamps; an empty range has empty arrays. */
export const marketChartRangeSchema = z.object({
  prices: series,
  market_caps: series,
  total_volumes: series,
});
export const ohlcSchema = z.array(z.tuple([finite, finite, finite, finite, finite]));
export const pingSchema = z.object({ gecko_says: z.string() });
