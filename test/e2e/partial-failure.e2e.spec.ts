import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CacheService } from '../../src/core/cache';
import { DefiProtocol } from '../../src/defi/entities/defi-protocol.entity';
import { NewsItem } from '../../src/news/entities/news-item.entity';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

const EMPTY_LIST = /empty list where a list is expected/;
/** Each market source's coin list. */
const MARKET_LISTS = [
  'coingecko:/api/v3/coins/markets',
  'coinpaprika:/v1/tickers',
  'coinlore:/api/tickers/',
];

interface Attempt {
  provider: string;
  outcome: string;
  reason?: string;
}

describe('partial failure (issue 17, items 5 and 7)', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const admin = (path: string) => api().post(path).set('X-API-Key', ADMIN_KEY);
  const rows = (entity: typeof DefiProtocol | typeof NewsItem) =>
    t.running.app.get(DataSource).getRepository(entity).count();
  /** A 503 in the error shape naming every provider tried, each failing on an empty list. */
  const assertEmptyListFailure = (body: Record<string, unknown>, providers: string[]) => {
    assert.equal(body.statusCode, 503);
    assert.equal(body.error, 'Service Unavailable');
    const attempted = body.attempted as Attempt[];
    assert.deepEqual(
      attempted.map((a) => [a.provider, a.outcome]),
      providers.map((p) => [p, 'bad_payload']),
    );
    for (const attempt of attempted) {
      assert.match(attempt.reason ?? '', EMPTY_LIST);
    }
  };

  before(async () => {
    t = await startFakeBackedApp({ CACHE_TTL_PRICES: '1', PROVIDER_TIMEOUT_MS: '2000' });
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.running.app.get(CacheService).invalidate('');
  });

  describe('an empty list where a list is expected is a provider failure', () => {
    it('/api/coins/top: 503 naming each market source, then the last good list served stale', async () => {
      const emptyLists = () =>
        MARKET_LISTS.forEach((route) => t.fake.inject(route, { type: 'empty' }));
      emptyLists();
      const refused = await api().get('/api/coins/top?limit=5').expect(503);
      assertEmptyListFailure(refused.body, ['coingecko', 'coinpaprika', 'coinlore']);

      t.fake.clear();
      t.running.app.get(CacheService).invalidate('');
      const good = await api().get('/api/coins/top?limit=5').expect(200);
      const served = t.fake.lastServed<{ symbol: string; current_price: number }[]>(
        'coingecko:/api/v3/coins/markets',
      );
      assert.deepEqual(
        good.body.data.map((c: { symbol: string; price: number }) => [c.symbol, c.price]),
        served.map((c) => [c.symbol.toUpperCase(), c.current_price]),
      );

      // The cached list expires; the next load gets an empty list and the old one stands in.
      emptyLists();
      await waitForExpiry(t);
      const asked = t.fake.count('coingecko:/api/v3/coins/markets');
      const stale = await api().get('/api/coins/top?limit=5').expect(200);
      assert.equal(t.fake.count('coingecko:/api/v3/coins/markets'), asked + 1, 'reload tried');
      assert.equal(stale.body.meta.stale, true);
      assert.deepEqual(stale.body.data, good.body.data);
    });

    it('/api/defi: 503 with nothing stored, the stored run when there is one, and no run stored from an empty list', async () => {
      t.fake.inject('defillama:/protocols', { type: 'empty' });
      const refused = await api().get('/api/defi').expect(503);
      assertEmptyListFailure(refused.body, ['defillama']);
      const failedRun = await admin('/api/jobs/defi/run').expect(200);
      assert.equal(failedRun.body.result, 'failed');
      assert.match(failedRun.body.error, EMPTY_LIST);
      assert.equal(await rows(DefiProtocol), 0, 'nothing stored from an empty list');

      t.fake.clear();
      t.running.app.get(CacheService).invalidate('');
      const run = await admin('/api/jobs/defi/run').expect(200);
      assert.equal(run.body.result, 'ok', run.body.error);
      const stored = await rows(DefiProtocol);
      assert.ok(stored > 0);
      const fresh = await api().get('/api/defi').expect(200);

      t.fake.inject('defillama:/protocols', { type: 'empty' });
      t.running.app.get(CacheService).invalidate('');
      const stale = await api().get('/api/defi').expect(200);
      assert.equal(stale.body.meta.stale, true);
      assert.deepEqual(
        stale.body.data.map((p: { slug: string; tvl: number }) => [p.slug, p.tvl]),
        fresh.body.data.map((p: { slug: string; tvl: number }) => [p.slug, p.tvl]),
      );
      assert.equal(await rows(DefiProtocol), stored, 'the stale answer stored nothing');
    });

    it('/api/defi/chains and /api/sentiment/fear-greed: 503 naming the provider', async () => {
      const cases: [string, string, string][] = [
        ['defillama:/v2/chains', '/api/defi/chains', 'defillama'],
        ['alternative-me:/fng/', '/api/sentiment/fear-greed', 'alternative-me'],
      ];
      for (const [route, path, provider] of cases) {
        t.fake.inject(route, { type: 'empty' });
        const res = await api().get(path).expect(503);
        assertEmptyListFailure(res.body, [provider]);
      }
    });

    it('/api/trending: an empty trending list with none stored gives the labelled movers', async () => {
      t.fake.inject('coingecko:/api/v3/search/trending', { type: 'empty' });
      const res = await api().get('/api/trending').expect(200);
      assert.equal(res.body.meta.basis, 'movers');
      const [first] = res.body.meta.attempted as Attempt[];
      assert.deepEqual([first.provider, first.outcome], ['coingecko', 'bad_payload']);
      assert.match(first.reason ?? '', EMPTY_LIST);
    });
  });

  describe('the news job', () => {
    it('reports a failed run when every feed failed, and health says so', async () => {
      const newsBefore = await rows(NewsItem);
      t.fake.inject('rss', { type: 'status', status: 500 });
      const run = await admin('/api/jobs/news/run').expect(200);
      assert.equal(run.body.result, 'failed');
      assert.equal(run.body.rows, null);
      const sources = await api().get('/api/news/sources').expect(200);
      assert.equal(sources.body.data.length, 2);
      for (const source of sources.body.data as { name: string; last_error: string }[]) {
        assert.match(source.last_error, /HTTP 500/);
        assert.ok(run.body.error.includes(`${source.name}: ${source.last_error}`), run.body.error);
      }
      assert.match(run.body.error, /^every feed failed: /);
      const jobs = await api().get('/api/jobs').set('X-API-Key', ADMIN_KEY).expect(200);
      const news = (jobs.body.data ?? jobs.body).find((j: { name: string }) => j.name === 'news');
      assert.deepEqual(news.last_run, run.body);
      const health = await api().get('/api/health');
      assert.equal(health.body.components.jobs.status, 'degraded');
      assert.match(health.body.components.jobs.message, /last run failed: .*news/);
      assert.equal(await rows(NewsItem), newsBefore);

      t.fake.clear();
      const recovered = await admin('/api/jobs/news/run').expect(200);
      assert.equal(recovered.body.result, 'ok');
      assert.equal(recovered.body.error, null);
      assert.equal(await rows(NewsItem), newsBefore + recovered.body.rows);
      const healthy = await api().get('/api/health');
      assert.doesNotMatch(healthy.body.components.jobs.message, /news/);
    });
  });
});

/** Waits out the fresh period of cached market answers (CACHE_TTL_PRICES=1 in this file). */
async function waitForExpiry(t: FakeBackedApp): Promise<void> {
  const ttl = t.running.config.cacheTtlSeconds.prices;
  await new Promise((resolve) => setTimeout(resolve, ttl * 1000 + 150));
}
