import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { pointsByHour, type RangeBody } from '../support/market-chart';

const RANGE_ROUTE = 'coingecko:/api/v3/coins/:id/market_chart/range';
const KLINES_ROUTE = 'binance-a:/api/v3/klines';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

describe('GET /api/prices/history/:symbol with from/to', () => {
  let t: FakeBackedApp;
  const admin = () => request.agent(t.running.url).set('X-API-Key', ADMIN_KEY);
  const free = () => request(t.running.url);
  const hour = (ms: number) => ms - (ms % HOUR_MS);
  const now = hour(Date.now());

  before(async () => {
    t = await startFakeBackedApp({ PROVIDER_TIMEOUT_MS: '3000' });
  });

  after(async () => {
    await t.stop();
  });

  it('backfills exactly the range asked, each point with the price, volume and cap sent', async () => {
    const from = now - 10 * DAY_MS;
    const to = now - 8 * DAY_MS;
    const res = await admin()
      .get(`/api/prices/history/ETH?from=${from / 1000}&to=${to / 1000}&interval=1h`)
      .expect(200);
    const asked = t.fake.lastQuery(RANGE_ROUTE);
    assert.deepEqual(
      [asked.get('from'), asked.get('to')],
      [String(from / 1000), String(to / 1000)],
    );
    const sent = t.fake.lastServed<RangeBody>(RANGE_ROUTE);
    assert.equal(res.body.meta.backfilled.points, sent.prices.length);
    assert.deepEqual(res.body.data, [...pointsByHour(sent).values()]);
    assert.ok(res.body.data.length >= 48);
    assert.deepEqual(
      [res.body.meta.from, res.body.meta.to],
      [new Date(from).toISOString(), new Date(to).toISOString()],
    );
    const again = await admin()
      .get(`/api/prices/history/ETH?from=${from / 1000}&to=${to / 1000}&interval=1h`)
      .expect(200);
    assert.equal(again.body.meta.backfilled, null);
    assert.deepEqual(again.body.data, res.body.data);
  });

  it('takes ISO dates, and a range with only part stored fetches only the missing start', async () => {
    const from = now - 12 * DAY_MS;
    const to = now - 8 * DAY_MS;
    const res = await admin()
      .get(
        `/api/prices/history/ETH?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&interval=1h`,
      )
      .expect(200);
    const asked = t.fake.lastQuery(RANGE_ROUTE);
    // The database already held from 10 days back: only the two days before are fetched.
    assert.equal(asked.get('from'), String(from / 1000));
    assert.ok(Number(asked.get('to')) * 1000 <= now - 10 * DAY_MS + 1000, asked.get('to') ?? '');
    assert.ok(res.body.data.length >= 96, String(res.body.data.length));
    assert.ok(
      res.body.data.every(
        (p: { volume_24h: number | null; market_cap: number | null }) =>
          p.volume_24h !== null && p.market_cap !== null,
      ),
    );
  });

  it('a past range stored only at its start fetches only the missing end', async () => {
    const to = now - 6 * DAY_MS;
    const res = await admin()
      .get(`/api/prices/history/ETH?from=${(now - 9 * DAY_MS) / 1000}&to=${to / 1000}&interval=1h`)
      .expect(200);
    const asked = t.fake.lastQuery(RANGE_ROUTE);
    // Stored up to 8 days back by the first test: only from there on is fetched.
    assert.equal(Math.floor(Number(asked.get('from')) / 3600), (now - 8 * DAY_MS) / 3_600_000);
    assert.equal(asked.get('to'), String(to / 1000));
    assert.ok(res.body.meta.backfilled.points >= 48);
    assert.ok(res.body.data.length >= 72, String(res.body.data.length));
  });

  it('format=csv parses back to the JSON with volume and market cap', async () => {
    const path = `/api/prices/history/ETH?from=${(now - 10 * DAY_MS) / 1000}&to=${(now - 9 * DAY_MS) / 1000}&interval=1h`;
    const json = await admin().get(path).expect(200);
    const csv = await admin().get(`${path}&format=csv`).expect(200);
    const records = parse<Record<string, string>>(csv.text, { columns: true });
    assert.deepEqual(
      records.map((r) => ({
        timestamp: r.timestamp,
        price: Number(r.price),
        volume_24h: Number(r.volume_24h),
        market_cap: Number(r.market_cap),
      })),
      json.body.data,
    );
  });

  it('refuses invalid combinations with 400s', async () => {
    const from = Math.floor(Date.now() / 1000) - 86_400;
    const cases: [string, string][] = [
      [`days=7&from=${from}`, 'give either days or from/to, not both'],
      [`to=${from}`, 'to needs from'],
      [`from=${from}&to=${from - 60}`, 'from must be before to'],
      [`from=${from}&to=${from}`, 'from must be before to'],
      [`from=${from}&to=${from + 2 * 86_400}`, 'to must not be in the future'],
      [`from=${from - 400 * 86_400}`, 'from must be within the last 365 days'],
      ['from=yesterday', 'from must be UNIX seconds or an ISO 8601 date or date-time'],
      [`from=${from}&to=2026-13-45`, 'to must be UNIX seconds or an ISO 8601 date or date-time'],
    ];
    for (const [query, message] of cases) {
      const res = await admin().get(`/api/prices/history/BTC?${query}`).expect(400);
      assert.equal(res.body.message, message, query);
    }
  });

  it('applies the tier depth to how far back from reaches', async () => {
    const eightDays = Math.floor((Date.now() - 8 * DAY_MS) / 1000);
    const res = await free()
      .get(`/api/prices/history/BTC?from=${eightDays}&to=${eightDays + 3600}`)
      .expect(403);
    assert.match(res.body.message, /free tier allows 7 days of history \(asked for 8\)/);
    const recent = Math.floor((Date.now() - 2 * DAY_MS) / 1000);
    await free().get(`/api/prices/history/BTC?from=${recent}`).expect(200);
  });

  it('more than 90 days back is daily, as CoinGecko serves it', async () => {
    const from = now - 200 * DAY_MS;
    const res = await admin()
      .get(`/api/prices/history/SOL?from=${from / 1000}&to=${(now - 50 * DAY_MS) / 1000}`)
      .expect(200);
    const sent = t.fake.lastServed<RangeBody>(RANGE_ROUTE);
    assert.equal(res.body.meta.interval, '1d');
    assert.ok(sent.prices.every(([ms]) => ms % DAY_MS === 0));
    assert.deepEqual(res.body.data, [...pointsByHour(sent, DAY_MS).values()]);
  });

  it('backfills from Binance when CoinGecko fails: 24 h volume summed from the klines sent, no cap', async () => {
    const from = now - 5 * DAY_MS;
    const to = now - 4 * DAY_MS;
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    try {
      const res = await admin()
        .get(`/api/prices/history/LINK?from=${from / 1000}&to=${to / 1000}&interval=5m`)
        .expect(200);
      assert.equal(res.body.meta.backfilled.provider, 'binance');
      const asked = t.fake.lastQuery(KLINES_ROUTE);
      assert.deepEqual(
        [asked.get('interval'), asked.get('startTime'), asked.get('endTime')],
        ['5m', String(from - DAY_MS + 300_000), String(to)],
      );
      const sent = t.fake.lastServed<string[][]>(KLINES_ROUTE);
      const want = sent.flatMap((row, i) => {
        const openTime = Number(row[0]);
        if (openTime < from) {
          return [];
        }
        const window = sent.slice(i - 287, i + 1);
        return [
          {
            timestamp: new Date(openTime).toISOString(),
            price: Number(row[4]),
            volume_24h: window.reduce((sum, k) => sum + Number(k[7]), 0),
            market_cap: null,
          },
        ];
      });
      assert.equal(want.length, 289);
      assert.deepEqual(res.body.data, want);
    } finally {
      t.fake.clear();
    }
  });
});
