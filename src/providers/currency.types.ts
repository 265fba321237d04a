/** What the `fx` and `quotes` categories serve: rates per US dollar and direct quotes. */

export type CurrencyKind = 'fiat' | 'crypto' | 'commodity';

/** How many units of a currency one US dollar buys, as a source published it. */
export interface FxRate {
  /** Lowercase code, as `vs` takes it: "eur", "btc", "xau". */
  code: string;
  perUsd: number;
  kind: CurrencyKind | null;
  name: string | null;
  /** The day or time the source says the rate is for (ECB business day, or time received). */
  asOf: string;
}
/** A coin's price in one quote currency, as the provider quoted it (no conversion). */
export interface CurrencyQuote {
  price: number;
  marketCap: number | null;
  volume24h: number | null;
  change24h: number | null;
}
export interface MultiCurrencyQuote {
  symbol: string;
  /** By lowercase currency code; only the currencies the provider quoted. */
  quotes: Record<string, CurrencyQuote>;
  lastUpdated: Date;
  timeUnknown?: boolean;
}
