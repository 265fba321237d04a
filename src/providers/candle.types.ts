/** Candles as every `ohlcv` source serves them, and the pairs exchanges list. */

/** Every candle size some source offers; each source declares its own subset. `1M` is a calendar month. */
export const CANDLE_INTERVALS = [
  '1s',
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1d',
  '3d',
  '1w',
  '1M',
] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

export interface Candle {
  openTime: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base-asset volume; null when the upstream has none (CoinGecko OHLC). */
  volume: number | null;
}

/** Candles whose open time lies from `start` to `end`, both inclusive. */
export interface CandleRange {
  start: Date;
  end: Date;
}
/** A pair an exchange lists, as its stored product list names it. */
export interface ListedPair {
  /** The exchange's own id for the pair (`ETHBTC`, `BTC-EUR`, `XETHXXBT`). */
  symbol: string;
  base: string;
  quote: string;
}
