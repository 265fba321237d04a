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

/** One currency of /tickers/{id}?quotes=…; ATH fields are null in a coin's quote in itself. */
const detailQuote = z.object({
  price: finite,
  volume_24h: missingNumber.optional(),
  market_cap: missingNumber.optional(),
  percent_change_1h: missingNumber.optional(),
  percent_change_24h: missingNumber.optional(),
  percent_change_7d: missingNumber.optional(),
  percent_change_30d: missingNumber.optional(),
  ath_price: missingNumber.optional(),
  ath_date: z.union([z.iso.datetime(), z.literal(''), z.null()]).optional(),
  percent_from_price_ath: missingNumber.optional(),
});
export type PaprikaDetailQuote = z.output<typeof detailQuote>;

/** /tickers/{id}?quotes=…: one coin, its quotes keyed by upper-case code (at most 3). */
export const tickerDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  symbol: z.string(),
  rank: finite,
  /** Absent on the free plan; read when a plan sends it. */
  circulating_supply: missingNumber.optional(),
  total_supply: missingNumber.optional(),
  /** 0 for an uncapped coin. */
  max_supply: missingNumber.optional(),
  last_updated: z.iso.datetime(),
  quotes: z.record(z.string().regex(/^[A-Z]{3,5}$/), detailQuote),
});
export type PaprikaTickerDetail = z.output<typeof tickerDetailSchema>;

/**
 * /search?c=currencies: coins as in /coins. The key asked for is required, so an error object
 * inside a 200 is a broken answer rather than "no coins".
 */
export const searchSchema = z.object({
  currencies: z.array(
    z.object({ id: z.string(), name: z.string(), symbol: z.string(), is_active: z.boolean() }),
  ),
});
