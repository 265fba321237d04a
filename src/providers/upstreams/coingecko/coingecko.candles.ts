import type { z } from 'zod';
import type { Candle, CandleInterval } from '../../provider.types';
import type { ohlcSchema } from './coingecko.schemas';

const DAY_MS = 86_400_000;
/** CoinGecko picks the candle size from `days`: 1–2 → 30 min, 3–30 → 4 h. */
const OHLC_GRANULARITY: Partial<Record<CandleInterval, { ms: number; maxDays: number }>> = {
  '30m': { ms: 30 * 60_000, maxDays: 2 },
  '4h': { ms: 4 * 3_600_000, maxDays: 30 },
};
const OHLC_DAYS = [1, 2, 7, 14, 30];

export const COINGECKO_CANDLE_INTERVALS = Object.keys(OHLC_GRANULARITY) as CandleInterval[];

/** The `days` that gives `limit` candles of the interval, or undefined when none does. */
export function ohlcWindow(
  interval: CandleInterval,
  limit: number,
): { days: number; candleMs: number } | undefined {
  const granularity = OHLC_GRANULARITY[interval];
  if (!granularity) {
    return undefined;
  }
  const wantedDays = Math.ceil((limit * granularity.ms) / DAY_MS);
  const days =
    OHLC_DAYS.find((d) => d >= wantedDays && d <= granularity.maxDays) ?? granularity.maxDays;
  return { days, candleMs: granularity.ms };
}

/** The last `limit` rows as candles: CoinGecko stamps each candle with its close time. */
export function ohlcCandles(
  rows: z.output<typeof ohlcSchema>,
  limit: number,
  candleMs: number,
): Candle[] {
  return rows.slice(-limit).map(([closeMs, open, high, low, close]) => ({
    openTime: new Date(closeMs - candleMs),
    open,
    high,
    low,
    close,
    volume: null,
  }));
}
