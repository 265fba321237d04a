import type { PricePoint } from '../../provider.types';

const DAY_MS = 86_400_000;
const STEP_MS = { '5m': 300_000, '1h': 3_600_000, '1d': DAY_MS } as const;
export type HistoryKlineInterval = keyof typeof STEP_MS;

/** One kline as history needs it: open time, close price and volume in the quote asset (USDT). */
export interface HistoryKline {
  openTime: number;
  close: number;
  quoteVolume: number;
}

/**
 * The finest kline interval whose range plus the 24 h lead before it fits one request of 1,000
 * klines: 5-minute up to 2 days, hourly up to 40 days, daily beyond.
 */
export function historyInterval(spanMs: number): HistoryKlineInterval {
  return spanMs <= 2 * DAY_MS ? '5m' : spanMs <= 40 * DAY_MS ? '1h' : '1d';
}

/** How far before `from` to ask, so that the first point's 24 h volume can be summed. */
export function leadOf(interval: HistoryKlineInterval): number {
  return DAY_MS - STEP_MS[interval];
}

/**
 * Klines as history points from `from` on: the close price, and the 24 h volume as Binance's
 * own 24 h figure is made, the quote volume of the klines of the 24 hours ending at that close.
 * Where those klines are not all there (a gap, the pair's first day), the volume is null rather
 * than a partial sum. Binance has no market cap.
 */
export function klinesToHistory(
  rows: readonly HistoryKline[],
  interval: HistoryKlineInterval,
  from: Date,
): PricePoint[] {
  const perDay = DAY_MS / STEP_MS[interval];
  return rows.flatMap((row, i) => {
    if (row.openTime < from.getTime()) {
      return [];
    }
    const window = rows.slice(Math.max(0, i - perDay + 1), i + 1);
    const complete =
      window.length === perDay && row.openTime - window[0].openTime === leadOf(interval);
    return [
      {
        timestamp: new Date(row.openTime),
        price: row.close,
        volume24h: complete ? window.reduce((sum, k) => sum + k.quoteVolume, 0) : null,
        marketCap: null,
      },
    ];
  });
}
