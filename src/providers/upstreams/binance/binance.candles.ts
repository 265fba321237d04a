import { z } from 'zod';
import { CANDLE_MS, withinRange } from '../../candle-intervals';
import {
  type Candle,
  CANDLE_INTERVALS,
  type CandleInterval,
  type CandleRange,
  type ListedPair,
} from '../../provider.types';
import { decimalString, finite } from '../payload-fields';

/** Binance's kline intervals: all of the service's (case-sensitive: `1m` minute, `1M` month). */
export const BINANCE_INTERVALS: readonly CandleInterval[] = CANDLE_INTERVALS;
/** Rows per klines call (Binance's maximum). */
export const MAX_KLINES = 1000;

/** Open time, OHLC, volume, close time and quote volume (the history's 24 h volume sums). */
export const klinesSchema = z.array(
  z
    .tuple([
      finite,
      decimalString,
      decimalString,
      decimalString,
      decimalString,
      decimalString,
      finite,
      decimalString,
    ])
    .rest(z.unknown()),
);
export const exchangeInfoSchema = z.object({
  symbols: z.array(
    z.object({
      symbol: z.string(),
      status: z.string(),
      baseAsset: z.string(),
      quoteAsset: z.string(),
    }),
  ),
});

export function toCandles(rows: z.output<typeof klinesSchema>): Candle[] {
  return rows.map(([openTime, open, high, low, close, volume]) => ({
    openTime: new Date(openTime),
    open,
    high,
    low,
    close,
    volume,
  }));
}

/** Pairs trading now, split by Binance's own base/quote fields (never by slicing the symbol). */
export function tradingPairs(info: z.output<typeof exchangeInfoSchema>): ListedPair[] {
  return info.symbols
    .filter((s) => s.status === 'TRADING')
    .map((s) => ({ symbol: s.symbol, base: s.baseAsset, quote: s.quoteAsset }));
}

/**
 * A range in calls of at most 1,000 rows, each starting after the last open time seen, until
 * `limit` candles, the range's end or a short page (nothing newer yet).
 */
export async function pagedKlines(
  fetchPage: (startTime: number, limit: number) => Promise<Candle[]>,
  range: CandleRange,
  interval: CandleInterval,
  limit: number,
): Promise<Candle[]> {
  const collected: Candle[] = [];
  let cursor = range.start.getTime();
  const end = range.end.getTime();
  while (collected.length < limit && cursor <= end) {
    const asked = Math.min(MAX_KLINES, limit - collected.length);
    const page = await fetchPage(cursor, asked);
    collected.push(...page);
    const last = page.at(-1)?.openTime.getTime();
    if (page.length < asked || last === undefined) {
      break;
    }
    cursor = Math.max(last + 1, cursor + CANDLE_MS[interval]);
  }
  return withinRange(collected, range, limit);
}
