import { z } from 'zod';
import { ProviderError, type ProviderErrorKind } from '../../../core/http';
import type { Candle, CandleInterval, ListedPair } from '../../provider.types';
import { decimalString } from '../payload-fields';

export const OKX_ID = 'okx';
/** OKX bars (case-sensitive); 6h and longer in their UTC-aligned form, as other venues bucket. */
export const BARS: Partial<Record<CandleInterval, string>> = {
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1H',
  '2h': '2H',
  '4h': '4H',
  '6h': '6Hutc',
  '12h': '12Hutc',
  '1d': '1Dutc',
  '3d': '3Dutc',
  '1w': '1Wutc',
  '1M': '1Mutc',
};
/** Rows per call. */
export const MAX_ROWS = 300;
/** `/market/candles` reaches back this many bars; older ones are in `/market/history-candles`. */
export const RECENT_BARS = 1440;

/** `{code, msg, data}`: `code` is a string, "0" on success, and errors usually come with HTTP 200. */
export const envelope = <S extends z.ZodType>(data: S) =>
  z.object({ code: z.union([z.string(), z.number()]), msg: z.string(), data: data.optional() });

/** `[ts (ms), o, h, l, c, vol (base), volCcy, volCcyQuote, confirm]`, all strings, newest first. */
export const candlesSchema = z.array(
  z
    .tuple([
      decimalString,
      decimalString,
      decimalString,
      decimalString,
      decimalString,
      decimalString,
    ])
    .rest(z.string()),
);
export const instrumentsSchema = z.array(
  z.object({ instId: z.string(), baseCcy: z.string(), quoteCcy: z.string(), state: z.string() }),
);

export function toCandles(rows: z.output<typeof candlesSchema>): Candle[] {
  return rows.map(([ts, open, high, low, close, volume]) => ({
    openTime: new Date(ts),
    open,
    high,
    low,
    close,
    volume,
  }));
}

export function livePairs(rows: z.output<typeof instrumentsSchema>): ListedPair[] {
  return rows
    .filter((r) => r.state === 'live')
    .map((r) => ({ symbol: r.instId, base: r.baseCcy, quote: r.quoteCcy }));
}

/** OKX's error codes: 51001 unknown instrument, 51000 bad parameter, 5001x throttling. */
export function okxError(path: string, code: string, msg: string): ProviderError {
  const kind: ProviderErrorKind =
    code === '51001'
      ? 'not_found'
      : code === '50011' || code === '50013'
        ? 'rate_limited'
        : code === '50001' || code === '50004'
          ? 'upstream_5xx'
          : 'bad_request';
  return new ProviderError({
    provider: OKX_ID,
    kind,
    retryAfterMs: kind === 'rate_limited' ? 2000 : undefined,
    message: `${path}: code ${code} ${msg.slice(0, 100)}`,
  });
}
