import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CacheService } from '../../src/core/cache';
import { MarketSnapshot } from '../../src/market/entities/market-snapshot.entity';
import { TrendingCoinRecord } from '../../src/market/entities/trending-coin.entity';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface GlobalBody {
  data: {
    total_market_cap: { usd: number };
    total_volume: { usd: number };
    market_cap_percentage: { btc: number; eth: number };
    active_cryptocurrencies: number;
  };
}
interface TrendingBody {
  coins: {
    item: {
      id: string;
      symbol: string;
      name: string;
      market_cap_rank: number;
      score: number;
      data: { price: number };
    };
  }[];
}
interface MarketRow {
  symbol: string;
  current_price: number;
  market_cap_rank: number;
}

describe('GET /api/market and /api/coins/top', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const fromUpstream = async <T>(path: string) =>
    (await (await fetch(`${t.fake.baseUrl}/coingecko/api/v3${path}`)).json()) as T;

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.running.app.get(CacheService).invalidate('market:');
    t.running.app.get(CacheService).invalidate('trending');
  });

  it('returns the trending coins CoinGecko served, in order, and stores the list', async () => {
    const res = await api().get('/api/trending').expect(200);
    const upstream = await fromUpstream<TrendingBody>('/search/trending');
    assert.equal(res.body.meta.provider, 'coingecko');
    assert.deepEqual(
      res.body.data,
      upstream.coins.map(({ item }, i) => ({
        rank: i + 1,
        id: item.id,
        symbol: item.symbol,
        name: item.name,
        market_cap_rank: item.market_cap_rank,
        price_usd: res.body.data[i].price_usd,
        score: item.score,
      })),
    );
    assert.ok(Math.abs(res.body.data[0].price_usd / upstream.coins[0].item.data.price - 1) < 0.001);
    const stored = await t.running.app
      .get(DataSource)
      .getRepository(TrendingCoinRecord)
      .find({ order: { rank: 'ASC' } });
    assert.deepEqual(
      stored.map((r) => [r.rank, r.symbol, r.provider]),
      res.body.data.map((c: { rank: number; symbol: string }) => [c.rank, c.symbol, 'coingecko']),
    );
  });

  it('returns the overview CoinGecko served and stores a snapshot', async () => {
    const res = await api().get('/api/market').expect(200);
    const global = await fromUpstream<GlobalBody>('/global');
    const markets = await fromUpstream<MarketRow[]>('/coins/markets?vs_currency=usd&per_page=10');
    const d = res.body.data;
    assert.equal(res.body.meta.provider, 'coingecko');
    assert.equal(d.active_cryptocurrencies, global.data.active_cryptocurrencies);
    assert.equal(d.btc_dominance, global.data.market_cap_percentage.btc);
    assert.equal(d.eth_dominance, global.data.market_cap_percentage.eth);
    assert.equal(d.total_volume_24h_usd, global.data.total_volume.usd);
    assert.ok(Math.abs(d.total_market_cap_usd / global.data.total_market_cap.usd - 1) < 0.001);
    assert.deepEqual(
      d.top.map((c: { symbol: string; rank: number }) => [c.symbol, c.rank]),
      markets.map((m) => [m.symbol.toUpperCase(), m.market_cap_rank]),
    );
    assert.ok(Math.abs(d.btc_price / markets[0].current_price - 1) < 0.001);
    const snapshots = await t.running.app.get(DataSource).getRepository(MarketSnapshot).find();
    assert.equal(snapshots.length, 1);
    assert.equal(snapshots[0].btcDominance, global.data.market_cap_percentage.btc);
    assert.equal(snapshots[0].btcPrice, d.btc_price);
  });

  it('lists stored snapshots, as JSON or as matching CSV', async () => {
    const json = await api().get('/api/market/snapshots?hours=1').expect(200);
    assert.equal(json.body.meta.points, 1);
    assert.equal(json.body.meta.provider, 'database');
    assert.equal(json.body.meta.asOf, json.body.data[0].timestamp);
    assert.equal(json.body.data.length, 1);
    assert.equal(typeof json.body.data[0].btc_price, 'number');
    const csv = await api().get('/api/market/snapshots?hours=1&format=csv').expect(200);
    assert.match(csv.headers['content-type'], /^text\/csv/);
    const records = parse<Record<string, string>>(csv.text, { columns: true });
    assert.deepEqual(
      records.map((r) => ({
        timestamp: r.timestamp,
        btc_price: Number(r.btc_price),
        eth_price: Number(r.eth_price),
        market_cap: Number(r.market_cap),
        volume_24h: Number(r.volume_24h),
        btc_dominance: Number(r.btc_dominance),
      })),
      json.body.data,
    );
    const bad = await api().get('/api/market/snapshots?hours=0').expect(400);
    assert.equal(bad.body.message, 'hours must be an integer from 1 to 2160');
  });

  it('serves the stored overview, marked stale, when every market source fails and nothing is cached; 503s naming each when nothing is stored', async () => {
    const fresh = await api().get('/api/market').expect(200);
    t.running.app.get(CacheService).invalidate('market:');
    for (const provider of ['coingecko', 'coinpaprika', 'coinlore']) {
      t.fake.inject(provider, { type: 'reset' });
    }
    const stale = await api().get('/api/market').expect(200);
    assert.deepEqual(
      [stale.body.meta.provider, stale.body.meta.stale, stale.body.meta.cached],
      ['database', true, false],
    );
    assert.deepEqual(
      stale.body.meta.attempted.map((a: { provider: string; outcome: string }) => [
        a.provider,
        a.outcome,
      ]),
      [
        ['coingecko', 'network'],
        ['coinpaprika', 'network'],
        ['coinlore', 'network'],
      ],
    );
    const snapshots = t.running.app.get(DataSource).getRepository(MarketSnapshot);
    const [newest] = await snapshots.find({ order: { timestamp: 'DESC' }, take: 1 });
    assert.equal(stale.body.meta.asOf, newest.timestamp.toISOString());
    assert.deepEqual(stale.body.data, fresh.body.data);

    await snapshots.clear();
    const res = await api().get('/api/market').expect(503);
    assert.deepEqual(
      res.body.attempted.map((a: { outcome: string }) => a.outcome),
      ['network', 'network', 'network'],
    );
  });

  it('lists coins by market cap with the requested limit and validates it', async () => {
    const res = await api().get('/api/coins/top?limit=3').expect(200);
    // Read before this test's own request to the fake replaces it.
    const served = t.fake.lastServed<{ current_price: number; market_cap: number }[]>(
      'coingecko:/api/v3/coins/markets',
    );
    const upstream = (await (
      await fetch(`${t.fake.baseUrl}/coingecko/api/v3/coins/markets?vs_currency=usd&per_page=3`)
    ).json()) as { symbol: string; market_cap_rank: number }[];
    assert.deepEqual(
      res.body.data.map((c: { symbol: string; rank: number }) => [c.symbol, c.rank]),
      upstream.map((m) => [m.symbol.toUpperCase(), m.market_cap_rank]),
    );
    assert.deepEqual(
      res.body.data.map((c: { price: number; market_cap: number }) => [c.price, c.market_cap]),
      served.map((m) => [m.current_price, m.market_cap]),
    );
    const bad = await api().get('/api/coins/top?limit=251').expect(400);
    assert.equal(bad.body.message, 'limit must be an integer from 1 to 250');
  });
  it('upstream and cache metrics move by exactly what a miss and a hit did', async () => {
    const scrape = async () => (await api().get('/metrics').expect(200)).text;
    const value = (text: string, series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return Number(line?.split(' ')[1] ?? 0);
    };
    const upstream = 'upstream_request_duration_seconds_count{provider="coingecko",outcome="200"}';
    const hits = 'cache_lookups_total{result="hit"}';
    const misses = 'cache_lookups_total{result="miss"}';
    const first = await scrape();
    await api().get('/api/coins/top?limit=4').expect(200);
    const second = await scrape();
    assert.equal(value(second, upstream), value(first, upstream) + 1);
    assert.equal(value(second, misses), value(first, misses) + 1);
    await api().get('/api/coins/top?limit=4').expect(200);
    const third = await scrape();
    assert.equal(value(third, upstream), value(second, upstream));
    assert.equal(value(third, hits), value(second, hits) + 1);
  });
});
