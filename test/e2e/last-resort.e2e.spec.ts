import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DefiService } from '../../src/defi/defi.service';
import { FearGreedDay } from '../../src/fear-greed/entities/fear-greed.entity';
import { MarketCoinRecord } from '../../src/market/entities/market-coin.entity';
import { MarketSnapshot } from '../../src/market/entities/market-snapshot.entity';
import { TrendingCoinRecord } from '../../src/market/entities/trending-coin.entity';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

/** Every endpoint whose data is stored, as asked before and after the restart. */
const ROUTES = [
  '/api/market',
  '/api/trending',
  '/api/coins/top?limit=5',
  '/api/prices?symbols=BTC,ETH,SOL',
  '/api/ohlcv?symbol=BTC&interval=1h&limit=6',
  '/api/defi?limit=4',
  '/api/sentiment/fear-greed?limit=5',
] as const;

interface Answer {
  data: unknown;
  meta: {
    provider: string;
    stale: boolean;
    cached: boolean;
    asOf: string;
    attempted: { provider: string; outcome: string }[];
    backfill_failed?: unknown;
  };
}

/**
 * Issue 15's acceptance: with every upstream failing after a restart on a database that holds
 * data, each endpoint answers from its stored rows, marked stale, with the numbers it served
 * from the fake upstream before, and names every provider that failed.
 */
describe('the last resort: stored rows when every upstream fails after a restart', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const healthy = new Map<string, Answer>();
  const newestOf = async (entity: typeof MarketSnapshot | typeof TrendingCoinRecord) => {
    const [row] = await t.running.app
      .get(DataSource)
      .getRepository<MarketSnapshot | TrendingCoinRecord>(entity)
      .find({ order: { timestamp: 'DESC' }, take: 1 });
    return row.timestamp.toISOString();
  };

  before(async () => {
    // Generous timeouts: collection must not fail on a loaded machine.
    t = await startFakeBackedApp({ PROVIDER_TIMEOUT_MS: '3000' });
    // Collected against the healthy fake: each endpoint once, and the DeFi run its job stores.
    await t.running.app.get(DefiService).collect();
    for (const route of ROUTES) {
      const res = await api().get(route).expect(200);
      assert.notEqual(res.body.meta.provider, 'database', route);
      healthy.set(route, res.body as Answer);
    }
    await t.restart();
    t.fake.inject('', { type: 'status', status: 503 });
  });

  after(async () => {
    await t?.stop();
  });

  it('answers every route with 200 from the database, stale, naming the providers that failed', async () => {
    for (const route of ROUTES) {
      const res = await api().get(route);
      assert.equal(res.status, 200, `${route}: ${JSON.stringify(res.body)}`);
      const { meta } = res.body as Answer;
      assert.deepEqual([meta.provider, meta.stale, meta.cached], ['database', true, false], route);
      assert.ok(meta.attempted.length > 0, `${route} names what failed`);
      // Each provider failed (the fake's 503, or a candle size it does not offer); none answered.
      assert.ok(
        meta.attempted.every((a) => a.outcome !== 'ok') &&
          meta.attempted.some((a) => a.outcome === 'upstream_5xx'),
        `${route}: ${JSON.stringify(meta.attempted)}`,
      );
      assert.equal(meta.backfill_failed, undefined, `${route}: no backfill was tried`);
    }
  });

  it('serves exactly the numbers the fake served before the restart', async () => {
    const same = ['/api/market', '/api/trending', '/api/coins/top?limit=5'] as const;
    for (const route of [...same, '/api/ohlcv?symbol=BTC&interval=1h&limit=6']) {
      const res = await api().get(route).expect(200);
      assert.deepEqual(res.body.data, healthy.get(route)?.data, route);
    }
    const prices = await api().get('/api/prices?symbols=BTC,ETH,SOL').expect(200);
    const before = healthy.get('/api/prices?symbols=BTC,ETH,SOL') as Answer & {
      data: Record<string, unknown>[];
    };
    const pick = (p: Record<string, unknown>) => [
      p.symbol,
      p.price,
      p.change_24h,
      p.volume_24h,
      p.market_cap,
      p.last_updated,
      p.provider,
    ];
    assert.deepEqual(prices.body.data.map(pick), before.data.map(pick));

    const defi = await api().get('/api/defi?limit=4').expect(200);
    assert.deepEqual(defi.body.data, healthy.get('/api/defi?limit=4')?.data);

    const index = await api().get('/api/sentiment/fear-greed?limit=5').expect(200);
    const served = healthy.get('/api/sentiment/fear-greed?limit=5') as Answer & {
      data: { current: Record<string, unknown>; history: unknown[] };
    };
    assert.deepEqual(index.body.data.history, served.data.history);
    const { time_until_update_seconds: _, ...current } = served.data.current;
    assert.deepEqual(
      { ...index.body.data.current, time_until_update_seconds: null },
      {
        ...current,
        time_until_update_seconds: null,
      },
    );
  });

  it('dates each answer by its newest stored row', async () => {
    const market = await api().get('/api/market').expect(200);
    assert.equal(market.body.meta.asOf, await newestOf(MarketSnapshot));
    const trending = await api().get('/api/trending').expect(200);
    assert.equal(trending.body.meta.asOf, await newestOf(TrendingCoinRecord));
    const top = await api().get('/api/coins/top?limit=5').expect(200);
    const [list] = await t.running.app
      .get(DataSource)
      .getRepository(MarketCoinRecord)
      .find({ order: { timestamp: 'DESC' }, take: 1 });
    assert.equal(top.body.meta.asOf, list.timestamp.toISOString());
    const index = await api().get('/api/sentiment/fear-greed?limit=5').expect(200);
    const [day] = await t.running.app
      .get(DataSource)
      .getRepository(FearGreedDay)
      .find({ order: { day: 'DESC' }, take: 1 });
    assert.equal(index.body.meta.asOf, day.fetchedAt.toISOString());
  });

  it('still answers 503 naming the providers when nothing is stored for what is asked', async () => {
    const candles = await api().get('/api/ohlcv?symbol=ETH&interval=1d&limit=3').expect(503);
    assert.deepEqual(
      candles.body.attempted.map((a: { provider: string }) => a.provider),
      ['binance', 'kraken', 'coinbase', 'okx', 'cryptocompare'],
    );
    await t.running.app.get(DataSource).getRepository(TrendingCoinRecord).clear();
    // No trending list anywhere: the movers stand-in is tried too, and its market sources fail.
    const trending = await api().get('/api/trending').expect(503);
    assert.deepEqual(
      trending.body.attempted.map((a: { provider: string }) => a.provider),
      ['coingecko', 'coingecko', 'coinpaprika', 'coinlore'],
    );
    assert.equal(trending.body.attempted[0].outcome, 'upstream_5xx');
  });
});
