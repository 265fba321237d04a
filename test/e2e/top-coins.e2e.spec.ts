import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

/** One row of CoinGecko's /coins/markets as the fake sent it. */
interface SentRow {
  symbol: string;
  current_price: number;
  market_cap: number;
  market_cap_rank: number;
  total_volume: number;
  price_change_percentage_24h: number;
  price_change_percentage_1h_in_currency?: number | null;
  price_change_percentage_24h_in_currency?: number | null;
  price_change_percentage_7d_in_currency?: number | null;
}
interface ServedCoin {
  rank: number;
  symbol: string;
  price: number;
  change_24h: number;
  volume_24h: number;
  market_cap: number;
  price_change_percentage_1h_in_currency?: number | null;
  price_change_percentage_7d_in_currency?: number | null;
}

const MARKETS = 'coingecko:/api/v3/coins/markets';
/** The fake lists 14 coins. */
const FAKE_COINS = 14;

/** What a served coin must be, from the row the fake sent. */
function expected(row: SentRow) {
  return {
    rank: row.market_cap_rank,
    symbol: row.symbol.toUpperCase(),
    price: row.current_price,
    change_24h: row.price_change_percentage_24h_in_currency,
    volume_24h: row.total_volume,
    market_cap: row.market_cap,
  };
}
const numbers = (c: ServedCoin) => ({
  rank: c.rank,
  symbol: c.symbol,
  price: c.price,
  change_24h: c.change_24h,
  volume_24h: c.volume_24h,
  market_cap: c.market_cap,
});

describe('GET /api/coins/top: pages, orders, change windows, CSV', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.running.app.get(CacheService).invalidate('market:');
  });

  it('keeps the old default: 50 coins by market cap, limit still accepted', async () => {
    const res = await api().get('/api/coins/top').expect(200);
    const sent = t.fake.lastServed<SentRow[]>(MARKETS);
    assert.equal(sent.length, FAKE_COINS);
    assert.deepEqual(res.body.data.map(numbers), sent.map(expected));
    assert.deepEqual(
      [res.body.meta.page, res.body.meta.per_page, res.body.meta.order, res.body.meta.count],
      [1, 50, 'market_cap_desc', FAKE_COINS],
    );
    assert.equal(res.body.data[0].price_change_percentage_1h_in_currency, undefined);
    const limited = await api().get('/api/coins/top?limit=3').expect(200);
    assert.equal(limited.body.data.length, 3);
  });

  it('page 2 is the fake second page, the last page is short, past the end is empty', async () => {
    const page2 = await api().get('/api/coins/top?page=2&per_page=5').expect(200);
    const sent = t.fake.lastServed<SentRow[]>(MARKETS);
    assert.deepEqual(page2.body.data.map(numbers), sent.map(expected));
    assert.deepEqual(
      page2.body.data.map((c: ServedCoin) => c.rank),
      [6, 7, 8, 9, 10],
    );
    const page3 = await api().get('/api/coins/top?page=3&per_page=5').expect(200);
    assert.deepEqual(
      page3.body.data.map(numbers),
      t.fake.lastServed<SentRow[]>(MARKETS).map(expected),
    );
    assert.equal(page3.body.meta.count, FAKE_COINS - 10);
    const past = await api().get('/api/coins/top?page=4&per_page=5').expect(200);
    assert.deepEqual(past.body.data, []);
    assert.deepEqual([past.body.meta.count, past.body.meta.page], [0, 4]);
    assert.deepEqual(t.fake.lastServed<SentRow[]>(MARKETS), []);
  });

  it('orders by volume and market cap as CoinGecko paged them', async () => {
    for (const order of ['volume_desc', 'volume_asc', 'market_cap_asc']) {
      const res = await api().get(`/api/coins/top?order=${order}&per_page=6&page=2`).expect(200);
      const sent = t.fake.lastServed<SentRow[]>(MARKETS);
      assert.deepEqual(res.body.data.map(numbers), sent.map(expected), order);
      const key = order.startsWith('volume') ? 'volume_24h' : 'market_cap';
      const values = res.body.data.map((c: ServedCoin) => c[key]);
      const sorted = [...values].sort((a, b) => (order.endsWith('desc') ? b - a : a - b));
      assert.deepEqual(values, sorted, order);
      assert.equal(res.body.meta.order, order);
    }
  });

  it('adds price_change_percentage fields equal to what CoinGecko sent, null included', async () => {
    const res = await api()
      .get(`/api/coins/top?per_page=${FAKE_COINS}&price_change_percentage=1h,24h,7d`)
      .expect(200);
    const sent = t.fake.lastServed<SentRow[]>(MARKETS);
    assert.deepEqual(
      res.body.data.map((c: Record<string, unknown>) => [
        c.price_change_percentage_1h_in_currency,
        c.price_change_percentage_24h_in_currency,
        c.price_change_percentage_7d_in_currency,
      ]),
      sent.map((r) => [
        r.price_change_percentage_1h_in_currency,
        r.price_change_percentage_24h_in_currency,
        r.price_change_percentage_7d_in_currency,
      ]),
    );
    assert.ok(sent.some((r) => r.price_change_percentage_7d_in_currency === null));
    const only7d = await api().get('/api/coins/top?price_change_percentage=7d').expect(200);
    assert.deepEqual(
      Object.keys(only7d.body.data[0]).filter((k) => k.startsWith('price_change')),
      ['price_change_percentage_7d_in_currency'],
    );
  });

  it('orders a market-cap page by change, coins without one last', async () => {
    const res = await api()
      .get(`/api/coins/top?per_page=${FAKE_COINS}&order=change_7d_desc&price_change_percentage=7d`)
      .expect(200);
    const sent = t.fake.lastServed<SentRow[]>(MARKETS);
    const change = (r: SentRow) => r.price_change_percentage_7d_in_currency ?? null;
    const order = [...sent].sort((a, b) => {
      const [x, y] = [change(a), change(b)];
      return x === null ? 1 : y === null ? -1 : y - x;
    });
    assert.deepEqual(res.body.data.map(numbers), order.map(expected));
    assert.equal(res.body.data.at(-1).price_change_percentage_7d_in_currency, null);
    const asc = await api().get('/api/coins/top?per_page=5&order=change_24h_asc').expect(200);
    const changes = asc.body.data.map((c: ServedCoin) => c.change_24h);
    assert.deepEqual(
      changes,
      [...changes].sort((a, b) => a - b),
    );
  });

  it('format=csv parses back to the JSON page', async () => {
    const path = '/api/coins/top?page=2&per_page=4&price_change_percentage=1h,7d';
    const json = await api().get(path).expect(200);
    t.running.app.get(CacheService).invalidate('market:');
    const csv = await api().get(`${path}&format=csv`).expect(200);
    assert.match(csv.headers['content-type'], /^text\/csv/);
    const sent = t.fake.lastServed<SentRow[]>(MARKETS);
    const records = parse<Record<string, string>>(csv.text, { columns: true });
    const num = (v: string) => (v === '' ? null : Number(v));
    assert.deepEqual(
      records.map((r) => ({
        ...numbers({
          rank: Number(r.rank),
          symbol: r.symbol,
          price: Number(r.price),
          change_24h: Number(r.change_24h),
          volume_24h: Number(r.volume_24h),
          market_cap: Number(r.market_cap),
        }),
        h1: num(r.price_change_percentage_1h_in_currency),
        d7: num(r.price_change_percentage_7d_in_currency),
      })),
      sent.map((row) => ({
        ...expected(row),
        h1: row.price_change_percentage_1h_in_currency,
        d7: row.price_change_percentage_7d_in_currency,
      })),
    );
    assert.deepEqual(
      records.map((r) => [r.symbol, r.name, r.provider, r.last_updated_source]),
      json.body.data.map((c: Record<string, string>) => [
        c.symbol,
        c.name,
        c.provider,
        c.last_updated_source,
      ]),
    );
  });

  it('serves a stored page, marked stale, when CoinGecko fails; other orders 503', async () => {
    const fresh = await api().get(`/api/coins/top?per_page=${FAKE_COINS}`).expect(200);
    t.running.app.get(CacheService).invalidate('market:');
    t.fake.inject('coingecko', { type: 'reset' });
    const stale = await api().get('/api/coins/top?page=2&per_page=5').expect(200);
    assert.deepEqual(
      [stale.body.meta.provider, stale.body.meta.stale, stale.body.meta.page],
      ['database', true, 2],
    );
    assert.deepEqual(stale.body.data, fresh.body.data.slice(5, 10));
    const byVolume = await api().get('/api/coins/top?order=volume_desc').expect(503);
    assert.equal(byVolume.body.attempted[0].provider, 'coingecko');
  });

  it('refuses bad paging, orders and windows with 400s naming the rule', async () => {
    const cases: [string, string][] = [
      ['per_page=251', 'per_page must be an integer from 1 to 250'],
      ['per_page=0', 'per_page must be an integer from 1 to 250'],
      ['page=0', 'page must be an integer from 1 to 10000'],
      ['order=price_desc', 'order must be one of'],
      [
        'price_change_percentage=1h,30d',
        'price_change_percentage must list windows among 1h, 24h, 7d',
      ],
      ['format=xml', 'format must be json or csv'],
    ];
    for (const [query, message] of cases) {
      const res = await api().get(`/api/coins/top?${query}`).expect(400);
      assert.ok(String(res.body.message).startsWith(message), `${query}: ${res.body.message}`);
    }
  });
});
