import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { CacheService } from '../../src/core/cache';
import { DefiProtocol } from '../../src/defi/entities/defi-protocol.entity';
import { DefiTvlDay } from '../../src/defi/entities/tvl-day.entity';
import { MarketSnapshot } from '../../src/market/entities/market-snapshot.entity';
import { Ohlcv } from '../../src/market/entities/ohlcv.entity';
import { Price } from '../../src/market/entities/price.entity';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { refuseWrites } from '../support/refuse-writes';

interface JobRun {
  result: 'ok' | 'failed';
  rows: number | null;
  error: string | null;
}

describe('one transaction per collection run (issue 17, item 4)', () => {
  let t: FakeBackedApp;
  const dataSource = () => t.running.app.get(DataSource);
  const count = (entity: EntityTarget<ObjectLiteral>) => dataSource().getRepository(entity).count();
  const run = async (job: string): Promise<JobRun> =>
    (
      await request(t.running.url)
        .post(`/api/jobs/${job}/run`)
        .set('X-API-Key', ADMIN_KEY)
        .expect(200)
    ).body as JobRun;
  /** Runs a job while the database refuses one of its writes; the refusal is lifted after. */
  const runRefusing = async (
    job: string,
    refusal: Parameters<typeof refuseWrites>[1],
  ): Promise<JobRun> => {
    const allow = await refuseWrites(dataSource(), refusal);
    try {
      return await run(job);
    } finally {
      await allow();
    }
  };

  before(async () => {
    t = await startFakeBackedApp({ WATCHLIST: 'BTC,ETH', PROVIDER_TIMEOUT_MS: '2000' });
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.running.app.get(CacheService).invalidate('');
  });

  it('prices: a failed snapshot write leaves none of the run, a normal run stores both', async () => {
    const failed = await runRefusing('prices', { table: 'market_snapshots', event: 'INSERT' });
    assert.equal(failed.result, 'failed');
    assert.match(failed.error ?? '', /refused by test/);
    assert.equal(await count(Price), 0, 'the quotes written first were rolled back');
    assert.equal(await count(MarketSnapshot), 0);

    const ok = await run('prices');
    assert.equal(ok.result, 'ok', ok.error ?? '');
    assert.equal(ok.rows, 14, 'BTC and ETH from seven providers (CoinPaprika keeps its budget)');
    assert.equal(await count(Price), 14);
    const snapshots = await dataSource().getRepository(MarketSnapshot).find();
    assert.equal(snapshots.length, 1);
    const served = t.fake.lastServed<{ symbol: string; current_price: number }[]>(
      'coingecko:/api/v3/coins/markets',
    );
    const btc = served.find((c) => c.symbol === 'btc');
    assert.equal(snapshots[0].btcPrice, btc?.current_price);
    // Readers get the overview the run fetched, from the cache.
    const market = await request(t.running.url).get('/api/market').expect(200);
    assert.equal(market.body.meta.cached, true);
    assert.equal(market.body.data.btc_price, btc?.current_price);
  });

  it("candles: the second coin failing to store takes the first coin's candles back", async () => {
    const failed = await runRefusing('candles', {
      table: 'ohlcv',
      event: 'INSERT',
      when: "NEW.symbol = 'ETH'",
    });
    assert.equal(failed.result, 'failed');
    assert.match(failed.error ?? '', /refused by test/);
    assert.equal(await count(Ohlcv), 0, 'BTC was written first and rolled back');

    const ok = await run('candles');
    assert.equal(ok.result, 'ok', ok.error ?? '');
    const rows = await dataSource().getRepository(Ohlcv).find();
    assert.deepEqual([...new Set(rows.map((r) => r.symbol))].sort(), ['BTC', 'ETH']);
    assert.equal(rows.length, ok.rows);
  });

  it('DeFi: a failed daily-total write leaves no protocols of the run, a normal run stores both', async () => {
    const failed = await runRefusing('defi', { table: 'defi_tvl_daily', event: 'INSERT' });
    assert.equal(failed.result, 'failed');
    assert.match(failed.error ?? '', /refused by test/);
    assert.equal(await count(DefiProtocol), 0, 'the protocols written first were rolled back');
    assert.equal(await count(DefiTvlDay), 0);

    const ok = await run('defi');
    assert.equal(ok.result, 'ok', ok.error ?? '');
    const protocols = await count(DefiProtocol);
    const days = await count(DefiTvlDay);
    assert.ok(protocols > 0);
    assert.equal(days, 2, "yesterday's and today's totals");
    assert.equal(ok.rows, protocols + days);
  });
});
