import { z } from 'zod';
import { decimalString, filledList, finite } from '../payload-fields';

/**
 * CoinLore payloads (no official spec; shapes from typed clients): almost every number is a
 * decimal string, and "" stands for "not given".
 */
const optionalDecimal = z
  .union([decimalString, finite, z.literal(''), z.null()])
  .transform((v) => (v === '' ? null : v));

export const tickerSchema = z.object({
  /** Numeric, as a string: BTC is "90". */
  id: z.string(),
  symbol: z.string(),
  name: z.string(),
  rank: finite,
  price_usd: decimalString,
  percent_change_24h: optionalDecimal,
  market_cap_usd: optionalDecimal,
  volume24: z.union([finite, z.null()]),
});
export type CoinLoreTicker = z.output<typeof tickerSchema>;

/** /tickers/: one page (at most 100) and the time of the data. */
export const tickersSchema = z.object({
  data: filledList(tickerSchema),
  info: z.object({ coins_num: finite, time: finite }),
});

/** /ticker/?id=…: always an array, even for one id; unknown ids give an empty one. */
export const tickerListSchema = z.array(tickerSchema);

/** /global/: an array holding one object; USD only, no timestamp. */
export const globalSchema = z
  .array(
    z.object({
      coins_count: finite,
      total_mcap: finite,
      total_volume: finite,
      btc_d: optionalDecimal,
      eth_d: optionalDecimal,
      mcap_change: optionalDecimal,
    }),
  )
  .length(1);
