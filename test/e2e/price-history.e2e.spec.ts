import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { pointsByHour, type RangeBody } from '../support/market-chart';

const RANGE_ROUTE = 'coingecko:/api/v3/coins/:id/market_chart/range';

describe('GET /api/prices/history/:symbol', () => {
  let t: FakeBackedApp;
  // Thirty days of history is deeper than the free tier goes.
  const api = () => request.agent(t.running.url).set('X-API-Key', ADMIN_KEY);

  before(async () => {
    t = await startFakeBackedApp({ PROVIDER_TIMEOUT_MS: '3000' });
  });

  after(async () => {
    await t.stop();
  });

  it('backfills 30 days on an empty database, stores them and returns hourly points', async () => {
    const res = await api().get('/api/prices/history/BTC?days=30').expect(200);
    assert.equal(res.body.meta.interval, '1h');
    assert.equal(res.body.meta.backfilled.provider, 'coingecko');
    assert.ok(res.body.meta.backfilled.points >= 719 && res.body.meta.backfilled.points <= 720);
    assert.equal(
      res.body.meta.backfilled.points,
      t.fake.lastServed<RangeBody>(RANGE_ROUTE).prices.length,
    );
    assert.ok(
      res.body.data.length >= 719 && res.body.data.length <= 721,
      String(res.body.data.length),
    );
    assert.equal(res.body.meta.points, res.body.data.length);
    const served = t.fake.lastServed<RangeBody>(RANGE_ROUTE);
    const sent = pointsByHour(served);
    for (const point of res.body.data.slice(0, 50)) {
      assert.deepEqual(point, sent.get(point.timestamp));
    }
    const times = res.body.data.map((p: { timestamp: string }) => Date.parse(p.timestamp));
    assert.ok(times.every((time: number, i: number) => i === 0 || time > times[i - 1]));
  });

  it('answers the next query from the database without backfilling again', async () => {
    const calls = t.fake.count(RANGE_ROUTE);
    const res = await api().get('/api/prices/history/BTC?days=30&interval=1d').expect(200);
    assert.equal(res.body.meta.backfilled, null);
    assert.deepEqual(
      [res.body.meta.provider, res.body.meta.stale, res.body.meta.cached],
      ['database', false, false],
    );
    assert.equal(res.body.meta.interval, '1d');
    assert.ok(res.body.data.length >= 30 && res.body.data.length <= 31);
    assert.equal(t.fake.count(RANGE_ROUTE), calls);
  });

  it('format=csv returns text/csv that matches the JSON', async () => {
    const json = await api().get('/api/prices/history/BTC?days=7&interval=1h').expect(200);
    const csv = await api()
      .get('/api/prices/history/BTC?days=7&interval=1h&format=csv')
      .expect(200);
    assert.match(csv.headers['content-type'], /^text\/csv/);
    const records = parse<Record<string, string>>(csv.text, { columns: true });
    const numberOrNull = (value: string) => (value === '' ? null : Number(value));
    assert.deepEqual(
      records.map((r) => ({
        timestamp: r.timestamp,
        price: Number(r.price),
        volume_24h: numberOrNull(r.volume_24h),
        market_cap: numberOrNull(r.market_cap),
      })),
      json.body.data,
    );
    await api().get('/api/prices/history/BTC?format=xml').expect(400);
  });

  it('validates days and interval, and 404s unknown coins', async () => {
    const days = await api().get('/api/prices/history/BTC?days=91').expect(400);
    assert.equal(days.body.message, 'days must be an integer from 1 to 90');
    const interval = await api().get('/api/prices/history/BTC?interval=2h').expect(400);
    assert.equal(interval.body.message, 'interval must be one of 5m, 1h, 1d, auto');
    await api().get('/api/prices/history/NOPE').expect(404);
  });

  it('backfills from Binance klines when CoinGecko fails', async () => {
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    try {
      const res = await api().get('/api/prices/history/SOL?days=2&interval=1h').expect(200);
      assert.equal(res.body.meta.backfilled.provider, 'binance');
      assert.deepEqual(
        res.body.meta.backfilled.attempted.map((a: { outcome: string }) => a.outcome),
        ['upstream_5xx', 'ok'],
      );
      assert.ok(res.body.meta.backfilled.points >= 47, String(res.body.meta.backfilled.points));
      assert.ok(res.body.data.length >= 47 && res.body.data.length <= 49);
      assert.ok(res.body.data.every((p: { price: number }) => p.price > 0));
    } finally {
      t.fake.clear();
    }
  });

  it('serves what is stored, marked stale, when no upstream can fill the gap', async () => {
    t.fake.inject('coingecko', { type: 'status', status: 502 });
    t.fake.inject('binance', { type: 'status', status: 502 });
    try {
      const stored = await api().get('/api/prices/history/BTC?days=30&interval=1d').expect(200);
      const res = await api().get('/api/prices/history/BTC?days=60&interval=1d').expect(200);
      assert.equal(res.body.meta.stale, true);
      assert.equal(res.body.meta.backfilled, null);
      assert.deepEqual(
        res.body.meta.backfill_failed.attempted.map((a: { provider: string }) => a.provider),
        ['coingecko', 'binance'],
      );
      assert.match(res.body.meta.backfill_failed.message, /^No provider could serve history: /);
      // The windows start at different times: the oldest bucket may hold a point more or less.
      const later = (data: unknown[]) => data.slice(-(stored.body.data.length - 1));
      assert.ok(Math.abs(res.body.data.length - stored.body.data.length) <= 1);
      assert.deepEqual(later(res.body.data), later(stored.body.data));
      const none = await api().get('/api/prices/history/ETH?days=7').expect(503);
      assert.match(none.body.message, /coingecko \(/);
    } finally {
      t.fake.clear();
    }
  });
});
