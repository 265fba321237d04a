import { z } from 'zod';

export const PROVIDER_CATEGORIES = [
  'prices',
  'market',
  'trending',
  'ohlcv',
  'history',
  'defi',
  'news',
  'fear-greed',
  'gas',
  'directory',
  'coin-detail',
  'fx',
  'quotes',
] as const;
export type ProviderCategory = (typeof PROVIDER_CATEGORIES)[number];

const RATE_LIMIT = /^(\d+)\/(second|minute|hour|day)$/;
const WINDOW_SECONDS = { second: 1, minute: 60, hour: 3600, day: 86400 } as const;

/** One entry of config/providers.json: an upstream, what it serves and how much it allows. */
export const providerDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    categories: z.array(z.enum(PROVIDER_CATEGORIES)).min(1),
    priority: z.number().int().min(0).max(1000),
    /** Overrides `priority` for some categories (Binance leads for candles, CoinGecko for prices). */
    categoryPriority: z
      .partialRecord(z.enum(PROVIDER_CATEGORIES), z.number().int().min(0).max(1000))
      .optional(),
    rateLimit: z.string().regex(RATE_LIMIT, 'expected "<count>/<second|minute|hour|day>"'),
    needsKey: z.boolean(),
    website: z.url(),
    /**
     * false keeps a small budget (CoinPaprika's 20,000 calls a month) for requests that need it:
     * the scheduled collectors and the health probe leave the provider out (its health comes from
     * the calls users make), and a hedge never asks it (a failure still does).
     */
    background: z.boolean().default(true),
  })
  .transform(({ rateLimit, ...rest }) => {
    const [, count, window] = RATE_LIMIT.exec(rateLimit) ?? [];
    return {
      ...rest,
      rateLimit: {
        limit: Number(count),
        windowSeconds: WINDOW_SECONDS[window as keyof typeof WINDOW_SECONDS],
      },
    };
  });
export type ProviderDefinition = z.output<typeof providerDefinitionSchema>;

/**
 * One entry of config/coins.json: a coin the service knows, by ticker and CoinGecko id. Upstreams
 * with names of their own keep their mapping in their plug-in folder (kraken.coins.ts).
 */
export const knownCoinSchema = z.object({
  symbol: z.string().regex(/^[A-Z0-9]{1,12}$/),
  name: z.string().min(1),
  coingeckoId: z.string().min(1),
  /**
   * Set on coins resolved by id whose ticker belongs to a larger coin: upstreams keyed by
   * ticker (Binance pairs, CryptoCompare) would quote the other coin, so they skip this one.
   */
  sharesTicker: z.boolean().optional(),
  /**
   * The Binance USDT pair. Derived for the configured coins (all listed there, USDT itself
   * aside); coins known only from the market list have none, since one unlisted pair makes
   * Binance refuse a whole batch.
   */
  binancePair: z.string().optional(),
});
export type KnownCoin = z.output<typeof knownCoinSchema>;

export const providersFileSchema = z.array(providerDefinitionSchema).min(1);
export const coinsFileSchema = z
  .array(knownCoinSchema)
  .min(1)
  .transform((coins) =>
    coins.map((c) => (c.symbol === 'USDT' ? c : { binancePair: `${c.symbol}USDT`, ...c })),
  );

export const TIER_NAMES = ['free', 'pro', 'enterprise', 'admin'] as const;
export type TierName = (typeof TIER_NAMES)[number];

const tierSchema = z.object({
  /** Request limits, each over its own window; none means unlimited. */
  limits: z.array(z.string().regex(RATE_LIMIT, 'expected "<count>/<second|minute|hour|day>"')),
  /** Most symbols in one request; null for no limit. */
  maxSymbols: z.number().int().min(1).nullable(),
  /** Deepest history a request may ask for, in days; null for no limit. */
  historyDays: z.number().int().min(1).nullable(),
  /** Real-time channels one connection may follow; null for no limit. */
  maxSubscriptions: z.number().int().min(1).nullable(),
  /** Real-time connections at once per key (per address for anonymous callers); null for no limit. */
  maxConnections: z.number().int().min(1).nullable(),
});

/** config/tiers.json: every tier, each with its limits. */
export const tiersFileSchema = z.object(
  Object.fromEntries(TIER_NAMES.map((name) => [name, tierSchema])) as Record<
    TierName,
    typeof tierSchema
  >,
);
export type TiersFile = z.output<typeof tiersFileSchema>;

/** One candidate data API for discovery: where to probe it and what a good answer looks like. */
/** A dotted path into a JSON answer: `data.amount`, `0.last` (array index), `result.XXBTZUSD.c.0`. */
const JSON_PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;

/**
 * A per-coin quote endpoint: `{SYMBOL}` / `{symbol}` in the path become the ticker in upper or
 * lower case; the paths say where the numbers are (strings of digits are accepted).
 */
export const quoteSpecSchema = z.object({
  path: z
    .string()
    .startsWith('/')
    .includes('{', { message: 'the path must contain {SYMBOL} or {symbol}' }),
  price: z.string().regex(JSON_PATH),
  volume24h: z.string().regex(JSON_PATH).optional(),
  change24h: z.string().regex(JSON_PATH).optional(),
});
export type QuoteSpec = z.output<typeof quoteSpecSchema>;

export const discoveryCandidateSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,59}$/),
  category: z.enum(PROVIDER_CATEGORIES),
  baseUrl: z.string().min(1),
  probePath: z.string().startsWith('/'),
  expect: z.object({
    type: z.enum(['object', 'array', 'number']),
    /** Keys the probe's JSON object must have. */
    keys: z.array(z.string()).optional(),
  }),
  needsKey: z.boolean(),
  /** How to ask it for one coin's price, so an admin can enable it into a prices pool. */
  quote: quoteSpecSchema.optional(),
});
export type DiscoveryCandidate = z.output<typeof discoveryCandidateSchema>;
export const discoveryCatalogueSchema = z.array(discoveryCandidateSchema);
