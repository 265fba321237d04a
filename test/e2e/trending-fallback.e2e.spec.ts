import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { CoinDirectoryService } from '../../src/market/coins/coin-directory.service';
import { ProviderDirectory } from '../../src/providers/provider.directory';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { mappedPaprikaTickers, PAPRIKA_TO_COINGECKO } from '../support/second-sources';

describe('GET /api/trending when CoinGecko has no trending list', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp();
    await t.running.app.get(CoinDirectoryService).refresh();
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.running.app.get(CacheService).invalidate('trending');
  });

  it('falls back for trending to the stored list, else to labelled movers from another source', async () => {
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    const movers = await api().get('/api/trending').expect(200);
    assert.deepEqual(
      [movers.body.meta.basis, movers.body.meta.provider, movers.body.meta.attempted[0].provider],
      ['movers', 'coinpaprika', 'coingecko'],
    );
    const expected = mappedPaprikaTickers(t.fake)
      .sort(
        (a, b) =>
          Math.abs(b.quotes.USD.percent_change_24h) - Math.abs(a.quotes.USD.percent_change_24h),
      )
      .slice(0, 7);
    assert.deepEqual(
      movers.body.data.map((c: { id: string; price_usd: number; market_cap_rank: number }) => [
        c.id,
        c.price_usd,
        c.market_cap_rank,
      ]),
      expected.map((r) => [PAPRIKA_TO_COINGECKO[r.id], r.quotes.USD.price, r.rank]),
    );

    t.fake.clear();
    t.running.app.get(ProviderDirectory).get('coingecko').resetBreaker();
    t.running.app.get(CacheService).invalidate('trending');
    const fresh = await api().get('/api/trending').expect(200);
    assert.deepEqual([fresh.body.meta.basis, fresh.body.meta.provider], ['trending', 'coingecko']);
    t.running.app.get(CacheService).invalidate('trending');
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    const stored = await api().get('/api/trending').expect(200);
    assert.deepEqual(
      [stored.body.meta.basis, stored.body.meta.provider, stored.body.meta.stale],
      ['trending', 'database', true],
    );
    assert.deepEqual(stored.body.data, fresh.body.data);
  });
});
