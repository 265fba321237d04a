import { SchedulerRegistry } from '@nestjs/schedule';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MarketSnapshot } from '../../src/market/entities/market-snapshot.entity';
import { Ohlcv } from '../../src/market/entities/ohlcv.entity';
import { Price } from '../../src/market/entities/price.entity';
import { TrendingCoinRecord } from '../../src/market/entities/trending-coin.entity';
import { MarketJob } from '../../src/market/market.job';
import { ProviderHealthJob } from '../../src/providers/health/provider-health.job';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

describe('market collectors', () => {
  let t: FakeBackedApp;
  const repo = <T extends object>(entity: new () => T) =>
    t.running.app.get(DataSource).getRepository(entity);

  before(async () => {
    t = await startFakeBackedApp({
      ENABLE_BACKGROUND_TASKS: 'true',
      WATCHLIST: 'BTC,ETH',
      SCHEDULE_CANDLES: '15 * * * *',
      SCHEDULE_STATS_BROADCAST: '*/10 * * * *',
    });
  });

  after(async () => {
    await t.stop();
  });

  it('schedules each job with its configured cron', () => {
    const jobs = t.running.app.get(SchedulerRegistry).getCronJobs();
    // SQLite backups only: on PostgreSQL they belong to pg_dump.
    const backup = t.running.config.database.type === 'sqlite' ? ['backup'] : [];
    assert.deepEqual([...jobs.keys()].sort(), [
      ...backup,
      'candles',
      'cleanup',
      'coin-list',
      'currencies',
      'defi',
      'fear-greed',
      'health',
      'news',
      'pair-lists',
      'prices',
      'stats-broadcast',
      'trending',
    ]);
    assert.equal(jobs.get('news')?.cronTime.source, '*/30 * * * *');
    assert.equal(jobs.get('candles')?.cronTime.source, '15 * * * *');
    assert.equal(jobs.get('stats-broadcast')?.cronTime.source, '*/10 * * * *');
    assert.equal(jobs.get('prices')?.cronTime.source, '*/5 * * * *');
  });

  it('the health probe leaves out a provider that keeps its budget for requests', async () => {
    const before = { paprika: t.fake.count('coinpaprika:'), lore: t.fake.count('coinlore:') };
    await t.running.app.get(ProviderHealthJob).probeAll();
    assert.equal(t.fake.count('coinpaprika:'), before.paprika);
    assert.ok(t.fake.count('coinlore:') > before.lore, 'the others are probed');
  });

  it('a price run stores one row per provider and coin, and a market snapshot', async () => {
    const paprikaCalls = t.fake.count('coinpaprika:');
    const stored = await t.running.app.get(MarketJob).collectPrices();
    assert.equal(stored, 14);
    assert.equal(t.fake.count('coinpaprika:'), paprikaCalls, 'CoinPaprika keeps its budget');
    const rows = await repo(Price).find();
    const pairs = rows.map((r) => `${r.provider}:${r.symbol}`).sort();
    assert.deepEqual(pairs, [
      'binance:BTC',
      'binance:ETH',
      'coinbase:BTC',
      'coinbase:ETH',
      'coincap:BTC',
      'coincap:ETH',
      'coingecko:BTC',
      'coingecko:ETH',
      'coinlore:BTC',
      'coinlore:ETH',
      'cryptocompare:BTC',
      'cryptocompare:ETH',
      'kraken:BTC',
      'kraken:ETH',
    ]);
    assert.equal(await repo(MarketSnapshot).count(), 1);
    const history = await request(t.running.url)
      .get('/api/prices/history/BTC?days=1&interval=5m')
      .expect(200);
    const last = history.body.data.at(-1);
    const btc = rows.filter((r) => r.symbol === 'BTC');
    const average = btc.reduce((sum, r) => sum + r.price, 0) / btc.length;
    assert.ok(Math.abs(last.price / average - 1) < 0.01);

    await t.restart();
    const afterRestart = await request(t.running.url)
      .get('/api/prices/history/BTC?days=1&interval=5m')
      .expect(200);
    // The day-long window slides between the two queries: compare the buckets both hold.
    const after = new Map<string, number>(
      afterRestart.body.data.map((p: { timestamp: string; price: number }) => [
        p.timestamp,
        p.price,
      ]),
    );
    const common = history.body.data.filter((p: { timestamp: string }) => after.has(p.timestamp));
    assert.ok(common.length >= history.body.data.length - 1);
    for (const point of common as { timestamp: string; price: number }[]) {
      assert.equal(after.get(point.timestamp), point.price, point.timestamp);
    }
    assert.equal(
      afterRestart.body.meta.backfilled,
      null,
      'nothing fetched again after the restart',
    );
  });

  it('candle and trending runs store what the upstreams served', async () => {
    const collector = t.running.app.get(MarketJob);
    assert.equal(await collector.collectCandles(), 4);
    assert.equal(await repo(Ohlcv).countBy({ interval: '1h' }), 4);
    assert.equal(await collector.collectCandles(), 4);
    assert.equal(await repo(Ohlcv).countBy({ interval: '1h' }), 4);
    assert.equal(await collector.collectTrending(), 3);
    assert.equal(await repo(TrendingCoinRecord).count(), 3);
  });

  it('a coin no candle source serves is skipped and the run goes on to the next', async () => {
    const collector = t.running.app.get(MarketJob);
    await repo(Ohlcv).clear();
    // BTC is asked first: one malformed answer from each candle source fails it everywhere.
    for (const route of [
      'binance',
      'kraken:/0/public/OHLC',
      'coinbase:/products/:id/candles',
      'okx:/api/v5/market/candles',
      'coingecko:/api/v3/coins/:id/ohlc',
      'cryptocompare:/data/v2/histohour',
    ]) {
      t.fake.inject(route, { type: 'malformed' }, 1);
    }
    try {
      assert.equal(await collector.collectCandles(), 2);
      const rows = await repo(Ohlcv).find();
      assert.deepEqual([...new Set(rows.map((r) => r.symbol))], ['ETH']);
      assert.ok(rows.every((r) => r.provider === 'binance'));
    } finally {
      t.fake.clear();
    }
    t.fake.inject('binance', { type: 'status', status: 503 });
    t.fake.inject('kraken', { type: 'status', status: 503 });
    t.fake.inject('coinbase', { type: 'status', status: 503 });
    t.fake.inject('okx', { type: 'status', status: 503 });
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    t.fake.inject('cryptocompare', { type: 'status', status: 503 });
    try {
      await assert.rejects(collector.collectCandles(), /no candles for any coin: BTC: .*; ETH: /);
    } finally {
      t.fake.clear();
    }
  });
});

describe('ENABLE_BACKGROUND_TASKS=false', () => {
  let t: FakeBackedApp;

  before(async () => {
    t = await startFakeBackedApp({ ENABLE_BACKGROUND_TASKS: 'false' });
  });

  after(async () => {
    await t.stop();
  });

  it('schedules nothing', () => {
    assert.equal(t.running.app.get(SchedulerRegistry).getCronJobs().size, 0);
  });
});
