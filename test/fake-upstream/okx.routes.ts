import { candles, FAKE_SYMBOLS } from './market-data';
import { type Handler, ok } from './route.types';

/** OKX bars the fake serves (case-sensitive, as OKX's), in ms. */
const BARS: Record<string, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1H': 3_600_000,
  '4H': 14_400_000,
  '6Hutc': 21_600_000,
  '1Dutc': 86_400_000,
};
const CROSS = ['ETH-BTC', 'BTC-EUR', 'ETH-EUR'];
const RATE_LIMITED = { code: '50011', msg: 'Too Many Requests', data: [] };
const EMPTY = { code: '0', msg: '', data: [] };
const s = (n: number) => n.toPrecision(10).replace(/\.?0+$/, '');

function listed(instId: string): [string, string] | undefined {
  const [base, quote] = instId.split('-');
  const usdt = quote === 'USDT' && FAKE_SYMBOLS.includes(base) && base !== 'USDT';
  return usdt || CROSS.includes(instId) ? [base, quote] : undefined;
}

/** `after` (older than) and `before` (newer than) cursors, newest first, `confirm` on the last. */
const candlesRoute: Handler = (q) => {
  const pair = listed(q.get('instId') ?? '');
  if (!pair) {
    return ok(
      {
        code: '51001',
        msg: "Instrument ID, Instrument ID code, or Spread ID doesn't exist.",
        data: [],
      },
      EMPTY,
      RATE_LIMITED,
    );
  }
  const step = BARS[q.get('bar') ?? '1m'];
  if (!step) {
    return ok({ code: '51000', msg: 'Parameter bar error', data: [] }, EMPTY, RATE_LIMITED);
  }
  const now = Date.now();
  const limit = Math.min(300, Number(q.get('limit') ?? 100));
  const after = Number(q.get('after') ?? now + step);
  const before = Number(q.get('before') ?? 0);
  const newest = Math.min(Math.floor(now / step) * step, Math.ceil(after / step) * step - step);
  const count = Math.max(0, Math.min(limit, Math.floor((newest - before - 1) / step) + 1));
  const rows = candles(pair[0], step, count, newest, pair[1])
    .reverse()
    .map((c) => [
      String(c.openTime),
      s(c.open),
      s(c.high),
      s(c.low),
      s(c.close),
      s(c.volume),
      s(c.volume * c.close),
      s(c.volume * c.close),
      c.openTime + step > now ? '0' : '1',
    ]);
  return ok({ code: '0', msg: '', data: rows }, EMPTY, RATE_LIMITED);
};

export const OKX: Record<string, Handler> = {
  '/api/v5/market/candles': candlesRoute,
  '/api/v5/market/history-candles': candlesRoute,
  '/api/v5/public/instruments': () => {
    const usdt = FAKE_SYMBOLS.filter((c) => c !== 'USDT').map((c) => `${c}-USDT`);
    const data = [...usdt, ...CROSS, 'LUNA-EUR'].map((instId) => ({
      instType: 'SPOT',
      instId,
      baseCcy: instId.split('-')[0],
      quoteCcy: instId.split('-')[1],
      state: instId === 'LUNA-EUR' ? 'suspend' : 'live',
    }));
    return ok({ code: '0', msg: '', data }, EMPTY, RATE_LIMITED);
  },
};
