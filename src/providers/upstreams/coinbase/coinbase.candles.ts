import { z } from 'zod';
import type { Candle, CandleInterval, ListedPair } from '../../provider.types';
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
