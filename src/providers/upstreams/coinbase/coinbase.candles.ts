import { z } from 'zod';
import { CANDLE_MS, candlesInRange, withinRange } from '../../candle-intervals';
import type { Candle, CandleInterval, CandleRange, ListedPair } from '../../provider.types';
import { decimalString, finite } from '../payload-fields';

/** Coinbase's only granularities, in seconds: no 30m, 4h or weekly candles. */
export const GRANULARITY: Partial<Record<CandleInterval, number>> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '1h': 3600,
  '6h': 21_600,
  '1d': 86_400,
};
/** Buckets per call: an explicit range of more than 300 is refused with a 400. */
export const MAX_BUCKETS = 300;

/** `[time (s), low, high, open, close, volume]`: low before high, newest first. */
export const candlesSchema = z.array(z.tuple([finite, finite, finite, finite, finite, finite]));
export const productsSchema = z.array(
  z.object({
    id: z.string(),
    base_currency: z.string(),
    quote_currency: z.string(),
    status: z.string(),
    trading_disabled: z.boolean().optional(),
  }),
);
export const tickerSchema = z.object({
  price: decimalString,
  volume: decimalString,
  time: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'expected an ISO time'),
  // An integer in 2026 captures, a string in older ones: read neither.
  trade_id: z.union([z.number(), z.string()]),
});
export const errorSchema = z.object({ message: z.string() });

/** Reorders Coinbase's columns into the service's candle. */
export function toCandles(rows: z.output<typeof candlesSchema>): Candle[] {
  return rows.map(([time, low, high, open, close, volume]) => ({
    openTime: new Date(time * 1000),
    open,
    high,
    low,
    close,
    volume,
  }));
}

/** Products trading now. */
export function onlineProducts(products: z.output<typeof productsSchema>): ListedPair[] {
  return products
    .filter((p) => p.status === 'online' && !p.trading_disabled)
    .map((p) => ({ symbol: p.id, base: p.base_currency, quote: p.quote_currency }));
}

/**
 * A range in windows of at most 300 buckets, oldest first, until `limit` candles or the range's
 * end; buckets without trades are absent (gaps), never filled in.
 */
export async function pagedCandles(
  fetchWindow: (start: Date, end: Date) => Promise<Candle[]>,
  range: CandleRange,
  interval: CandleInterval,
  limit: number,
): Promise<Candle[]> {
  const step = CANDLE_MS[interval];
  const windows = Math.ceil(Math.min(limit, candlesInRange(range, interval)) / MAX_BUCKETS) + 1;
  const collected: Candle[] = [];
  let cursor = range.start.getTime();
  for (let i = 0; i < windows && cursor <= range.end.getTime(); i += 1) {
    const end = Math.min(range.end.getTime(), cursor + (MAX_BUCKETS - 1) * step);
    collected.push(...(await fetchWindow(new Date(cursor), new Date(end))));
    if (withinRange(collected, range, limit).length >= limit) {
      break;
    }
    cursor = end + step;
  }
  return withinRange(collected, range, limit);
}
