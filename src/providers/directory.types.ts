/** What the `directory` and `coin-detail` categories serve: the coin list and one coin's record. */

/** One coin of CoinGecko's full list (`/coins/list`): no market data, every coin it tracks. */
export interface DirectoryCoin {
  id: string;
  /** Upper case, as tickers are served everywhere else. */
  symbol: string;
  name: string;
  /** Chain (CoinGecko asset-platform id) to contract address; {} for a native coin. */
  platforms: Record<string, string>;
}

/** One currency's figures of a coin's record; null where the upstream gives none. */
export interface CoinCurrencyFigures {
  price: number | null;
  marketCap: number | null;
  fullyDilutedValuation: number | null;
  volume24h: number | null;
  high24h: number | null;
  low24h: number | null;
  change1h: number | null;
  change24h: number | null;
  change7d: number | null;
  change30d: number | null;
  ath: number | null;
  /** Percent from the all-time high to the current price, as the upstream computed it. */
  athChangePct: number | null;
  /** ISO 8601; dates differ per currency. */
  athDate: string | null;
  atl: number | null;
  atlChangePct: number | null;
  atlDate: string | null;
}

/**
 * One coin's record (CoinGecko `/coins/{id}`, or a second source's ticker), JSON-safe so it can
 * be stored as it is. Categories, links, platforms: null when the source does not say (an empty
 * list or {} would claim "none").
 */
export interface CoinDetail {
  id: string;
  symbol: string;
  name: string;
  marketCapRank: number | null;
  /** Keyed by lower-case currency code: every currency the upstream priced the coin in. */
  currencies: Record<string, CoinCurrencyFigures>;
  supply: { circulating: number | null; total: number | null; max: number | null };
  categories: string[] | null;
  links: {
    homepage: string[];
    whitepaper: string | null;
    explorers: string[];
    forums: string[];
    chat: string[];
    twitter: string | null;
    subreddit: string | null;
    github: string[];
  } | null;
  platforms: Record<string, string> | null;
  genesisDate: string | null;
  /** ISO 8601. */
  lastUpdated: string | null;
}
