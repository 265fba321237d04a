import type { Candle, CandleInterval, CandleRange } from './provider.types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The length of a candle of each interval, in ms. A calendar month (`1M`) varies; 30 days is
 * used where only a length makes sense (depth limits, range sizes), never for a candle's close.
 */
export const CANDLE_MS: Record<CandleInterval, number> = {
  '1s': 1000,
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '8h': 8 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
  '1w': 7 * DAY,
  '1M': 30 * DAY,
};

/** When a candle that opened at `openTime` closes: the next month's first instant for `1M`. */
export function candleCloseTime(openTime: Date, interval: CandleInterval): Date {
  if (interval === '1M') {
    return new Date(Date.UTC(openTime.getUTCFullYear(), openTime.getUTCMonth() + 1, 1));
  }
  return new Date(openTime.getTime() + CANDLE_MS[interval]);
}

/** How many candles of `interval` open within the range (about, for months). */
export function candlesInRange(range: CandleRange, interval: CandleInterval): number {
  return Math.floor((range.end.getTime() - range.start.getTime()) / CANDLE_MS[interval]) + 1;
}

/**
 * The candles of a range, oldest first, the first `limit` of them, each open time once: what
 * every source returns for a range query, whatever order and overlap its pages came in.
 */
export function withinRange(candles: Candle[], range: CandleRange, limit: number): Candle[] {
  const start = range.start.getTime();
  const end = range.end.getTime();
  const byTime = new Map<number, Candle>();
  for (const candle of candles) {
    const time = candle.openTime.getTime();
    if (time >= start && time <= end) {
      byTime.set(time, candle);
    }
  }
  return [...byTime.values()]
    .sort((a, b) => a.openTime.getTime() - b.openTime.getTime())
    .slice(0, limit);
}

/**
 * A range fetched in windows of at most `maxBuckets` candles, oldest first, until `limit` candles
 * or the range's end (for upstreams that take a start and an end per call: Coinbase, OKX).
 * Buckets without trades stay absent (gaps), never filled in.
 */
export async function pagedWindows(params: {
  fetchWindow: (start: Date, end: Date) => Promise<Candle[]>;
  range: CandleRange;
  interval: CandleInterval;
  limit: number;
  maxBuckets: number;
}): Promise<Candle[]> {
  const { range, interval, limit, maxBuckets } = params;
  const step = CANDLE_MS[interval];
  const windows = Math.ceil(Math.min(limit, candlesInRange(range, interval)) / maxBuckets) + 1;
  const collected: Candle[] = [];
  let cursor = range.start.getTime();
  for (let i = 0; i < windows && cursor <= range.end.getTime(); i += 1) {
    const end = Math.min(range.end.getTime(), cursor + (maxBuckets - 1) * step);
    collected.push(...(await params.fetchWindow(new Date(cursor), new Date(end))));
    if (withinRange(collected, range, limit).length >= limit) {
      break;
    }
    cursor = end + step;
  }
  return withinRange(collected, range, limit);
}

/** The latest `limit` candles as a range ending now (aligned to UTC, as exchanges bucket them). */
export function latestRange(
  interval: CandleInterval,
  limit: number,
  now = Date.now(),
): CandleRange {
  const step = CANDLE_MS[interval];
  const lastOpen = Math.floor(now / step) * step;
  return { start: new Date(lastOpen - (limit - 1) * step), end: new Date(lastOpen) };
}
