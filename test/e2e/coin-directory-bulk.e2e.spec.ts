import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CoinDirectoryService } from '../../src/market/coins/coin-directory.service';
import { FullDirectoryService } from '../../src/market/directory/full-directory.service';
import { DirectoryCoinRecord } from '../../src/market/entities/directory-coin.entity';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

/** Coins in the fake list besides the bench coins. */
const BASE = 18;

describe('the full coin list at CoinGecko size', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const stored = () => t.running.app.get(DataSource).getRepository(DirectoryCoinRecord).count();

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it('stores 15,000 coins in one refresh and pages through them', async () => {
    t.fake.settings.directorySize = 15_000;
    const started = performance.now();
    const count = await t.running.app.get(FullDirectoryService).refresh();
    const seconds = (performance.now() - started) / 1000;
    assert.equal(count, 15_000 + BASE);
    assert.equal(await stored(), count);
    assert.ok(seconds < 30, `refresh took ${seconds.toFixed(1)} s`);
    const last = await api().get('/api/coins?per_page=250&page=61').expect(200);
    const listed = new Set(
      t.fake.lastServed<{ id: string }[]>('coingecko:/api/v3/coins/list').map((c) => c.id),
    );
    const unlisted = t.running.config.catalogue.coins.filter((c) => !listed.has(c.coingeckoId));
    assert.equal(last.body.meta.total, count + unlisted.length, 'and the configured coins');
    const found = await api().get('/api/search?q=bench coin 14999&limit=1').expect(200);
    assert.deepEqual(found.body.data[0], {
      id: 'bench-coin-14999',
      symbol: 'BC14999',
      name: 'Bench Coin 14999',
      market_cap_rank: null,
      platforms: { ethereum: `0x${(14_999).toString(16).padStart(40, '0')}` },
    });
  });

  it('updates coins in place and removes those the next list no longer has', async () => {
    t.fake.settings.directorySize = 10;
    const count = await t.running.app.get(FullDirectoryService).refresh();
    assert.equal(count, 10 + BASE);
    assert.equal(await stored(), count);
    await api()
      .get('/api/search?q=bench-coin-11&limit=1')
      .expect(200, /"data":\[\]/);
  });

  it('the daily job refreshes the full list even when the market list fails, then fails', async () => {
    t.fake.settings.directorySize = 3;
    t.fake.inject('coingecko:/api/v3/coins/markets', { type: 'status', status: 500 });
    await assert.rejects(
      t.running.app.get(CoinDirectoryService).refresh(),
      /coins\/markets: HTTP 500/,
    );
    t.fake.clear();
    assert.equal(await stored(), 3 + BASE);
  });
});
