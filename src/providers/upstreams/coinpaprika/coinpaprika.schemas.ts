import { z } from 'zod';
import { filledList, finite } from '../payload-fields';

/**
 * CoinPaprika v1 payloads (free plan), only the fields the adapter reads. Its schema says missing
 * values come as empty strings, so optional numbers accept "" and null as "not given".
 */
const missingNumber = z
  .union([finite, z.literal(''), z.null()])
  .transform((v) => (v === '' ? null : v));

const usdQuote = z.object({
  price: finite,
  volume_24h: missingNumber.optional(),
  market_cap: missingNumber.optional(),
  percent_change_24h: missingNumber.optional(),
});

/** One coin of /tickers?quotes=USD. The free plan has no circulating_supply: not read. */
export const tickerSchema = z.object({
  id: z.string(),
  name: z.string(),
  symbol: z.string(),
  /** 0 for inactive coins. */
  rank: finite,
  /** ISO-8601 (the only timestamps that are not, are /global's unix seconds). */
  last_updated: z.iso.datetime(),
  quotes: z.object({ USD: usdQuote }),
});
export type PaprikaTicker = z.output<typeof tickerSchema>;

export const tickersSchema = filledList(tickerSchema);
/** What /tickers rows keep while parsing; the rest of a ~2,000-coin body is dropped at once. */
export const TICKER_KEYS: ReadonlySet<string> = new Set([
  ...Object.keys(tickerSchema.shape),
  ...Object.keys(usdQuote.shape),
  'USD',
]);

/** /global: USD only, no ETH dominance; its volume-ATH figures are polluted and not read. */
export const globalSchema = z.object({
  market_cap_usd: finite,
  volume_24h_usd: finite,
  bitcoin_dominance_percentage: missingNumber,
  cryptocurrencies_number: finite,
  market_cap_change_24h: missingNumber,
  /** Unix seconds. */
  last_updated: finite,
});

/** Every error: `{"error": "<message>"}` with a 4xx/5xx status. */
export const errorSchema = z.object({ error: z.string() });
