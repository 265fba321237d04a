import { changeOfOver, marketCapOf, priceOf, volumeOf } from './market-data';
import { type Handler, ok } from './route.types';

/**
 * CoinGecko's `/coins/markets` (paged, ordered, with `price_change_percentage`) and
 * `/coins/{id}/market_chart/range`, in the wire format NOTES-2.md §1 describes, traps included:
 * a page past the end is `[]`, the 1 h / 7 d fields appear only when asked for and may be null,
 * hourly chart points are off the hour by some milliseconds, ranges older than 365 days fail
 * with error 10012.
 */

export interface ListedCoin {
  id: string;
  /** The key market-data.ts prices it by. */
  key: string;
  symbol: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const CG_ERROR = { error: 'coin not found' };
const ORDERS: Record<string, (a: ListedCoin, b: ListedCoin) => number> = {
  market_cap_desc: (a, b) => marketCapOf(b.key) - marketCapOf(a.key),
  market_cap_asc: (a, b) => marketCapOf(a.key) - marketCapOf(b.key),
  volume_desc: (a, b) => volumeOf(b.key) - volumeOf(a.key),
  volume_asc: (a, b) => volumeOf(a.key) - volumeOf(b.key),
};
/** A coin too young for a 7-day change: CoinGecko sends null. */
const NO_7D = new Set(['BATCAT']);
const TIME_RANGE_ERROR = {
  error: {
    status: {
      timestamp: new Date().toISOString(),
      error_code: 10012,
      error_message:
        'Your request exceeds the allowed time range. Public API users are limited to querying historical data within the past 365 days.',
    },
  },
};

function windowFields(key: string, asked: string[]): Record<string, number | null> {
  const fields: Record<string, number | null> = {};
  if (asked.includes('1h')) {
    fields.price_change_percentage_1h_in_currency = changeOfOver(key, HOUR_MS);
  }
  if (asked.includes('24h')) {
    fields.price_change_percentage_24h_in_currency = changeOfOver(key, DAY_MS);
  }
  if (asked.includes('7d')) {
    fields.price_change_percentage_7d_in_currency = NO_7D.has(key)
      ? null
      : changeOfOver(key, 7 * DAY_MS);
  }
  return fields;
}

export function coinsMarkets(list: readonly ListedCoin[]): Handler {
  return (q) => {
    const order = ORDERS[q.get('order') ?? 'market_cap_desc'];
    if (!order) {
      return ok({ error: 'invalid order' }, [], CG_ERROR, { status: 400 });
    }
    const perPage = Number(q.get('per_page') ?? 100);
    const first = (Number(q.get('page') ?? 1) - 1) * perPage;
    const asked = (q.get('price_change_percentage') ?? '').split(',');
    const rows = [...list]
      .sort(order)
      .slice(first, first + perPage)
      .map(({ id, key, symbol }) => ({
        id,
        symbol: symbol.toLowerCase(),
        name: id,
        current_price: priceOf(key),
        market_cap: marketCapOf(key),
        market_cap_rank: [...list].sort(ORDERS.market_cap_desc).findIndex((c) => c.id === id) + 1,
        total_volume: volumeOf(key),
        price_change_percentage_24h: Number(changeOfOver(key, DAY_MS).toFixed(5)),
        last_updated: new Date().toISOString(),
        ...windowFields(key, asked),
      }));
    return ok(rows, [], CG_ERROR);
  };
}

/** `from`/`to` as CoinGecko takes them: UNIX seconds or an ISO date. */
function epochMs(value: string | null): number {
  if (value && /^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  return Date.parse(value ?? '');
}

/** CoinGecko's automatic granularity for a range. */
function stepFor(fromMs: number, toMs: number): number {
  const span = toMs - fromMs;
  if (span <= DAY_MS) {
    return Date.now() - toMs < 60_000 ? 300_000 : HOUR_MS;
  }
  return span <= 90 * DAY_MS ? HOUR_MS : DAY_MS;
}

export function marketChartRange(ids: Record<string, string>): Handler {
  return (q, [id]) => {
    const key = ids[id];
    if (!key) {
      return ok(CG_ERROR, {}, CG_ERROR, { status: 404 });
    }
    const [fromMs, toMs] = [epochMs(q.get('from')), epochMs(q.get('to'))];
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
      return ok({ error: 'invalid from or to' }, {}, CG_ERROR, { status: 400 });
    }
    if (fromMs < Date.now() - 365 * DAY_MS) {
      return ok(TIME_RANGE_ERROR, {}, CG_ERROR, { status: 401 });
    }
    const step = stepFor(fromMs, toMs);
    const times: number[] = [];
    for (let at = Math.ceil(fromMs / step) * step; at <= toMs; at += step) {
      // Hourly and 5-minute points sit a little past the boundary, as CoinGecko's do.
      times.push(step === DAY_MS ? at : Math.min(toMs, at + ((at / step) % 997)));
    }
    const series = (value: (at: number) => number) => times.map((at) => [at, value(at)]);
    const empty = { prices: [], market_caps: [], total_volumes: [] };
    return ok(
      {
        prices: series((at) => priceOf(key, at)),
        market_caps: series((at) => (marketCapOf(key) * priceOf(key, at)) / priceOf(key, 0)),
        total_volumes: series((at) => volumeOf(key) * (1 + ((at / step) % 11) / 100)),
      },
      empty,
      CG_ERROR,
    );
  };
}
