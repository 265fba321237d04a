import type { KnownCoin, ProviderCategory } from '../core/config';
import type { Candle, CandleInterval, CandleRange, ListedPair } from './candle.types';
import type { FxRate, MultiCurrencyQuote } from './currency.types';
import type { CoinDetail, DirectoryCoin } from './directory.types';

export { CANDLE_INTERVALS } from './candle.types';
export type { Candle, CandleInterval, CandleRange, ListedPair } from './candle.types';
export type { CurrencyKind, CurrencyQuote, FxRate, MultiCurrencyQuote } from './currency.types';
export type { CoinCurrencyFigures, CoinDetail, DirectoryCoin } from './directory.types';

/** Passed to every adapter call: aborts on the per-call timeout or the overall deadline. */
export interface CallContext {
  signal: AbortSignal;
}

export interface PriceQuote {
  symbol: string;
  name: string;
  /** USD (USDT on Binance). */
  price: number;
  /** Percent over 24 h; null when the upstream does not say. */
  change24h: number | null;
  volume24h: number | null;
  marketCap: number | null;
  lastUpdated: Date;
  /**
   * True when the upstream gave no time for the quote: lastUpdated is then when it was received,
   * which makes an old quote look fresh, so answers say so.
   */
  timeUnknown?: boolean;
}

export interface MarketCoin extends PriceQuote {
  id: string;
  rank: number | null;
  /** Percent over 1 hour; null or absent when the upstream does not say. */
  change1h?: number | null;
  /** Percent over 7 days; null or absent when the upstream does not say. */
  change7d?: number | null;
}

/** Orders a market list can be asked for upstream (CoinGecko's `order` values). */
export const MARKET_ORDERS = [
  'market_cap_desc',
  'market_cap_asc',
  'volume_desc',
  'volume_asc',
] as const;
export type MarketOrder = (typeof MARKET_ORDERS)[number];

export interface MarketPageQuery {
  /** 1 first. */
  page: number;
  perPage: number;
  order: MarketOrder;
  ctx: CallContext;
}

/** One coin of CoinGecko's market list: the source of ticker-to-id resolution. */
export interface CoinListing {
  id: string;
  symbol: string;
  name: string;
  marketCap: number | null;
  rank: number | null;
}

export interface GlobalMarket {
  totalMarketCapUsd: number;
  totalVolume24hUsd: number;
  btcDominance: number | null;
  ethDominance: number | null;
  marketCapChange24hPct: number | null;
  activeCryptocurrencies: number;
  updatedAt: Date;
}

export interface TrendingCoin {
  rank: number;
  id: string;
  symbol: string;
  name: string;
  marketCapRank: number | null;
  priceUsd: number | null;
  score: number;
}

export interface PricePoint {
  timestamp: Date;
  price: number;
  /** 24-hour volume in USD at that time; null or absent when the source has none. */
  volume24h?: number | null;
  /** Market cap in USD at that time; null or absent when the source has none. */
  marketCap?: number | null;
}

export interface ProtocolTvl {
  name: string;
  slug: string;
  tvl: number;
  chain: string | null;
  chains: string[];
  symbol: string | null;
  category: string | null;
  change1d: number | null;
  change7d: number | null;
}

export interface ChainTvl {
  name: string;
  tvl: number;
  tokenSymbol: string | null;
}

export interface TvlPoint {
  date: Date;
  tvl: number;
}

export interface FearGreedPoint {
  value: number;
  classification: string;
  timestamp: Date;
  /** Seconds until the next value; only on the newest point. */
  timeUntilUpdateSeconds: number | null;
}

export interface GasOracle {
  lastBlock: number;
  safeGwei: number;
  proposeGwei: number;
  fastGwei: number;
  baseFeeGwei: number;
}

export interface FeedResponse {
  /** True on 304 Not Modified: nothing new since the given validators. */
  notModified: boolean;
  body: string;
  etag?: string;
  lastModified?: string;
}

export interface PriceSource {
  getPrices(params: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]>;
}
export interface MarketSource {
  getGlobal(params: { ctx: CallContext }): Promise<GlobalMarket>;
  getTopCoins(params: { limit: number; ctx: CallContext }): Promise<MarketCoin[]>;
  /**
   * One page of the market list in an order; optional: a source without it serves only the
   * first page by market cap (getTopCoins). A page past the end is an empty list.
   */
  getMarketPage?(params: MarketPageQuery): Promise<MarketCoin[]>;
  /** One page of the market list by market cap, coins without a price included. */
  getCoinListings(params: {
    page: number;
    perPage: number;
    ctx: CallContext;
  }): Promise<CoinListing[]>;
}
export interface TrendingSource {
  getTrending(params: { ctx: CallContext }): Promise<TrendingCoin[]>;
}
export interface CandleQuery {
  /** The coin, quoted in USD (USDT on Binance) unless `pair` is given. */
  coin: KnownCoin;
  interval: CandleInterval;
  /** At most this many candles: the latest ones, or the first ones of `range`. */
  limit: number;
  /** Absent: the latest `limit` candles. Sources page through a range themselves. */
  range?: CandleRange;
  /** Another quote than USD: each exchange's id for the pair, by provider id. */
  pair?: Readonly<Partial<Record<string, string>>>;
  ctx: CallContext;
}
export interface HistoryQuery {
  coin: KnownCoin;
  from: Date;
  to: Date;
  ctx: CallContext;
}
export interface OhlcvSource {
  /** The intervals this source serves: requests are validated and routed by them. */
  readonly candleIntervals: readonly CandleInterval[];
  /** Whether it serves `range` (and `pair`) queries; fixed-window sources do not. */
  readonly candleRanges: boolean;
  /** Oldest first. */
  getCandles(params: CandleQuery): Promise<Candle[]>;
  /** Every pair the exchange lists, for resolving non-USD pairs (exchanges only). */
  listPairs?(params: { ctx: CallContext }): Promise<ListedPair[]>;
}
export interface HistorySource {
  getPriceHistory(params: HistoryQuery): Promise<PricePoint[]>;
}
export interface DefiSource {
  getProtocols(params: { ctx: CallContext }): Promise<ProtocolTvl[]>;
  getHistoricalTvl(params: { ctx: CallContext }): Promise<TvlPoint[]>;
  getChains(params: { ctx: CallContext }): Promise<ChainTvl[]>;
  getProtocolTvl(params: { slug: string; ctx: CallContext }): Promise<number>;
}
export interface FearGreedSource {
  getIndex(params: { limit: number; ctx: CallContext }): Promise<FearGreedPoint[]>;
}
export interface GasSource {
  getGasOracle(params: { ctx: CallContext }): Promise<GasOracle>;
}
export interface FeedSource {
  fetchFeed(params: {
    url: string;
    etag?: string;
    lastModified?: string;
    ctx: CallContext;
  }): Promise<FeedResponse>;
}

/** The coin directory: every coin an upstream lists. */
export interface DirectorySource {
  getCoinList(params: { ctx: CallContext }): Promise<DirectoryCoin[]>;
}
/** One coin's record by CoinGecko id; a source with ids of its own maps them or says not found. */
export interface CoinDetailSource {
  getCoinDetail(params: { id: string; ctx: CallContext }): Promise<CoinDetail>;
}

export interface FxSource {
  getUsdRates(params: { ctx: CallContext }): Promise<FxRate[]>;
}

/** Prices quoted directly in currencies other than USD (CoinGecko's `vs_currencies`). */
export interface QuoteSource {
  /** Lowercase codes the provider quotes prices in. */
  getQuoteCurrencies(params: { ctx: CallContext }): Promise<string[]>;
  getQuotesIn(params: {
    coins: KnownCoin[];
    currencies: string[];
    ctx: CallContext;
  }): Promise<MultiCurrencyQuote[]>;
}

/** What a provider must implement to serve each category. */
export interface CategoryApi {
  prices: PriceSource;
  market: MarketSource;
  trending: TrendingSource;
  ohlcv: OhlcvSource;
  history: HistorySource;
  defi: DefiSource;
  news: FeedSource;
  'fear-greed': FearGreedSource;
  gas: GasSource;
  directory: DirectorySource;
  'coin-detail': CoinDetailSource;
  fx: FxSource;
  quotes: QuoteSource;
}

/** One upstream. Adapters validate every payload and throw only ProviderError. */
export interface UpstreamAdapter {
  readonly id: string;
  /** The categories this adapter can serve (the catalogue may enable a subset). */
  readonly categories: readonly ProviderCategory[];
  /** Why the adapter cannot be used with this configuration (e.g. "needs key"), if so. */
  readonly unavailableReason?: string;
  /** A cheap call proving the upstream answers. */
  ping(params: { ctx: CallContext }): Promise<void>;
}

type Intersection<U> = (U extends unknown ? (api: U) => void : never) extends (api: infer I) => void
  ? I
  : never;

/**
 * An adapter serving the categories C: what it declares in `categories` it must implement, so
 * the compiler refuses an adapter that lists a category without its interface. Every adapter
 * the directory accepts is typed through this.
 */
export type AdapterFor<C extends ProviderCategory> = UpstreamAdapter & {
  readonly categories: readonly C[];
} & Intersection<CategoryApi[C]>;

/**
 * Whether an adapter serves a category, as a type guard: sound because every adapter the
 * directory holds was typed as {@link AdapterFor} its `categories` (the compiler checked the
 * interfaces), and start-up checked that its catalogue entry asks for no more than those.
 */
export function servesCategory<C extends ProviderCategory>(
  adapter: UpstreamAdapter,
  category: C,
): adapter is UpstreamAdapter & CategoryApi[C] {
  return adapter.categories.includes(category);
}
