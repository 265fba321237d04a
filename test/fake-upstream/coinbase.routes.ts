import { candles, hasCoin, pairPriceOf, volumeOf } from './market-data';
import { type Handler, ok } from './route.types';

/** Coinbase Exchange's granularities (seconds); anything else is refused. */
const GRANULARITIES = new Set([60, 300, 900, 3600, 21_600, 86_400]);
const USD_BASES = ['BTC', 'ETH', 'SOL', 'XRP', 'ADA', 'DOGE', 'LTC', 'DOT', 'LINK'];
const CROSS: [string, string][] = [
  ['BTC', 'EUR'],
  ['ETH', 'EUR'],
  ['ETH', 'BTC'],
  ['SOL', 'EUR'],
];
const NOT_FOUND = { message: 'NotFound' };
const RATE_LIMITED = { message: 'Public rate limit exceeded' };
const s = (n: number) => Number(n.toPrecision(10));

const product = (base: string, quote: string, status = 'online') => ({
  id: `${base}-${quote}`,
  base_currency: base,
  quote_currency: quote,
  quote_increment: '0.01',
  base_increment: '0.00000001',
  display_name: `${base}-${quote}`,
  min_market_funds: '1',
  margin_enabled: false,
  post_only: false,
  limit_only: false,
  cancel_only: false,
  status,
  status_message: '',
  trading_disabled: status !== 'online',
  fx_stablecoin: false,
  max_slippage_percentage: '0.02000000',
  auction_mode: false,
  high_bid_limit_percentage: '',
});

/** `BTC-EUR` → ['BTC', 'EUR'] when listed here. */
function listed(id: string): [string, string] | undefined {
  const [base, quote] = id.split('-');
  const ok =
    (quote === 'USD' && USD_BASES.includes(base)) ||
    CROSS.some(([b, q]) => b === base && q === quote);
  return ok && hasCoin(base) ? [base, quote] : undefined;
}

/** Buckets whose open time divides by 97 intervals have no trades: absent, as on Coinbase. */
const traded = (openTime: number, step: number) => (openTime / step) % 97 !== 0;

const notFound = () => ok(NOT_FOUND, [], RATE_LIMITED, { status: 404 });
const badRequest = (message: string) => ok({ message }, [], RATE_LIMITED, { status: 400 });

export const COINBASE: Record<string, Handler> = {
  '/products': () =>
    ok(
      [
        ...USD_BASES.map((b) => product(b, 'USD')),
        ...CROSS.map(([b, q]) => product(b, q)),
        product('LUNA', 'EUR', 'delisted'),
      ],
      [],
      RATE_LIMITED,
    ),
  '/products/:id/ticker': (_q, [id]) => {
    const pair = listed(id);
    if (!pair) {
      return notFound();
    }
    const price = pairPriceOf(pair[0], pair[1], Date.now()) * 1.0002;
    const body = {
      ask: String(s(price * 1.00001)),
      bid: String(s(price)),
      volume: String(s(volumeOf(pair[0]) / price)),
      trade_id: 1089912307,
      price: String(s(price)),
      size: '0.00131877',
      time: new Date(Date.now() - 1500).toISOString().replace('Z', '734903Z'),
      rfq_volume: '28.771209',
    };
    return ok(body, {}, RATE_LIMITED);
  },
  '/products/:id/candles': (q, [id]) => {
    const pair = listed(id);
    if (!pair) {
      return notFound();
    }
    const granularity = Number(q.get('granularity') ?? 60);
    if (!GRANULARITIES.has(granularity)) {
      return badRequest('Unsupported granularity');
    }
    const step = granularity * 1000;
    const now = Date.now();
    const start = q.has('start') && q.has('end') ? Date.parse(q.get('start') ?? '') : undefined;
    const end = start === undefined ? now : Math.min(now, Date.parse(q.get('end') ?? ''));
    if (start !== undefined && (Date.parse(q.get('end') ?? '') - start) / step > 300) {
      return badRequest(
        'granularity too small for the requested time range. Count of aggregations requested exceeds 300',
      );
    }
    const first = start === undefined ? 0 : Math.ceil(start / step) * step;
    const count = start === undefined ? 350 : Math.max(0, Math.floor((end - first) / step) + 1);
    const rows = candles(pair[0], step, count, end, pair[1])
      .filter((c) => traded(c.openTime, step))
      .reverse()
      .map((c) => [c.openTime / 1000, s(c.low), s(c.high), s(c.open), s(c.close), s(c.volume)]);
    return ok(rows, [], RATE_LIMITED);
  },
};
