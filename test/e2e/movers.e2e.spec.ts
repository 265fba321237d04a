import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface SentRow {
  symbol: string;
  current_price: number;
  market_cap_rank: number;
  total_volume: number;
  price_change_percentage_1h_in_currency: number | null;
  price_change_percentage_24h_in_currency: number | null;
  price_change_percentage_7d_in_currency: number | null;
}
interface Mover {
  rank: number;
  symbol: string;
  price: number;
  change_pct: number;
  volume_24h: number;
}
type Window = '1h' | '24h' | '7d';

const MARKETS = 'coingecko:/api/v3/coins/markets';

/** Gainers and losers as they must be served, computed from the rows the fake sent. */
function expectedMovers(rows: SentRow[], window: Window, minVolume: number, limit: number) {
  const eligible = rows.flatMap((row) => {
    const change = row[`price_change_percentage_${window}_in_currency`];
    return change !== null && row.total_volume >= minVolume ? [{ row, change }] : [];
  });
  const shape = ({ row, change }: { row: SentRow; change: number }) => ({
    rank: row.market_cap_rank,
    symbol: row.symbol.toUpperCase(),
    price: row.current_price,
    change_pct: change,
    volume_24h: row.total_volume,
  });
  return {
    eligible: eligible.length,
    gainers: eligible
      .filter((m) => m.change > 0)
      .sort((a, b) => b.change - a.change)
      .slice(0, limit)
      .map(shape),
    losers: eligible
      .filter((m) => m.change < 0)
      .sort((a, b) => a.change - b.change)
      .slice(0, limit)
      .map(shape),
  };
}
const served = (m: Mover) => ({
  rank: m.rank,
  symbol: m.symbol,
  price: m.price,
  change_pct: m.change_pct,
  volume_24h: m.volume_24h,
});

describe('GET /api/market/movers', () => {
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

  it('ranks gainers (desc) and losers (asc) over each window from the list CoinGecko sent', async () => {
    for (const window of ['1h', '24h', '7d'] as const) {
      t.running.app.get(CacheService).invalidate('market:');
      const res = await api().get(`/api/market/movers?window=${window}&top=14&limit=4`).expect(200);
      const sent = t.fake.lastServed<SentRow[]>(MARKETS);
      assert.equal(sent.length, 14);
      const want = expectedMovers(sent, window, 0, 4);
      assert.deepEqual(res.body.data.gainers.map(served), want.gainers, window);
      assert.deepEqual(res.body.data.losers.map(served), want.losers, window);
      assert.equal(res.body.meta.eligible, want.eligible);
      assert.deepEqual(
        [res.body.meta.window, res.body.meta.top, res.body.meta.provider],
        [window, 14, 'coingecko'],
      );
      assert.ok(want.gainers.length + want.losers.length > 0);
    }
    // The young coin has no 7-day change: it is never a 7-day mover.
    const sent = t.fake.lastServed<SentRow[]>(MARKETS);
    assert.ok(sent.some((r) => r.price_change_percentage_7d_in_currency === null));
  });

  it('honours the volume floor and the top-N universe', async () => {
    const res = await api().get('/api/market/movers?window=24h&top=10&min_volume=1e8').expect(200);
    const sent = t.fake.lastServed<SentRow[]>(MARKETS);
    assert.equal(sent.length, 10);
    const want = expectedMovers(sent, '24h', 1e8, 10);
    assert.deepEqual(res.body.data.gainers.map(served), want.gainers);
    assert.deepEqual(res.body.data.losers.map(served), want.losers);
    const all = [...res.body.data.gainers, ...res.body.data.losers] as Mover[];
    assert.ok(all.every((m) => m.volume_24h >= 1e8 && m.rank <= 10));
    assert.ok(want.eligible < sent.length, 'the floor left some coins out');
    assert.equal(res.body.meta.min_volume, 1e8);
  });

  it('format=csv gives one row per mover, parsed back equal to the JSON', async () => {
    const json = await api().get('/api/market/movers?window=1h&top=14&limit=3').expect(200);
    const csv = await api()
      .get('/api/market/movers?window=1h&top=14&limit=3&format=csv')
      .expect(200);
    assert.match(csv.headers['content-type'], /^text\/csv/);
    const records = parse<Record<string, string>>(csv.text, { columns: true });
    const side = (name: string) => (m: Mover) => ({ side: name, ...served(m) });
    assert.deepEqual(
      records.map((r) => ({
        side: r.side,
        rank: Number(r.rank),
        symbol: r.symbol,
        price: Number(r.price),
        change_pct: Number(r.change_pct),
        volume_24h: Number(r.volume_24h),
      })),
      [...json.body.data.gainers.map(side('gainer')), ...json.body.data.losers.map(side('loser'))],
    );
  });

  it('fails over to a second market source, then serves the stored list, marked stale', async () => {
    const fresh = await api().get('/api/market/movers?window=7d&top=14').expect(200);
    t.running.app.get(CacheService).invalidate('market:');
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    const second = await api().get('/api/market/movers?window=7d&top=14').expect(200);
    assert.deepEqual([second.body.meta.provider, second.body.meta.stale], ['coinpaprika', false]);
    t.running.app.get(CacheService).invalidate('market:');
    t.fake.inject('coinpaprika', { type: 'status', status: 503 });
    t.fake.inject('coinlore', { type: 'status', status: 503 });
    const stale = await api().get('/api/market/movers?window=7d&top=14').expect(200);
    assert.deepEqual([stale.body.meta.provider, stale.body.meta.stale], ['database', true]);
    assert.deepEqual(stale.body.data, fresh.body.data);
  });

  it('refuses bad parameters with 400s naming the rule', async () => {
    const cases: [string, string][] = [
      ['window=30d', 'window must be one of 1h, 24h, 7d'],
      ['top=251', 'top must be an integer from 1 to 250'],
      ['limit=0', 'limit must be an integer from 1 to 50'],
      ['min_volume=-1', 'min_volume must be a number from 0 to 1e15'],
      ['min_volume=lots', 'min_volume must be a number from 0 to 1e15'],
      ['format=xml', 'format must be json or csv'],
    ];
    for (const [query, message] of cases) {
      const res = await api().get(`/api/market/movers?${query}`).expect(400);
      assert.equal(res.body.message, message, query);
    }
  });
});
