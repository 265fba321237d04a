import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CacheService } from '../../src/core/cache';
import { NewsItem } from '../../src/news/entities/news-item.entity';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface Source {
  name: string;
  last_error: string | null;
  items_stored: number;
}

/** Stands in for an internal service: counts every request that reaches it. */
async function startInternalService(): Promise<{
  url: string;
  hits: () => number;
  lastHeaders: () => IncomingHttpHeaders | undefined;
  close(): Promise<void>;
}> {
  let hits = 0;
  let lastHeaders: IncomingHttpHeaders | undefined;
  const server: Server = createServer((req, res) => {
    hits += 1;
    lastHeaders = req.headers;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"secret":"internal answer"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    lastHeaders: () => lastHeaders,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('upstream redirects go through the SSRF guard (issue 17, item 3)', () => {
  describe('without DISCOVERY_ALLOW_ADDRESSES', () => {
    let t: FakeBackedApp;
    let internal: Awaited<ReturnType<typeof startInternalService>>;
    const api = () => request(t.running.url);

    before(async () => {
      internal = await startInternalService();
      t = await startFakeBackedApp({ PROVIDER_TIMEOUT_MS: '2000' });
    });

    after(async () => {
      await t.stop();
      await internal.close();
    });

    beforeEach(() => {
      t.fake.clear();
      t.running.app.get(CacheService).invalidate('');
    });

    it('refuses a feed redirect to the app itself, and /api/news/sources names only the refusal', async () => {
      const port = new URL(t.running.url).port;
      t.fake.inject('rss', { type: 'redirect', location: `${t.running.url}/api/auth/keys` });
      const run = await api().post('/api/jobs/news/run').set('X-API-Key', ADMIN_KEY).expect(200);
      assert.equal(run.body.result, 'failed');
      const sources = (await api().get('/api/news/sources').expect(200)).body.data as Source[];
      assert.equal(sources.length, 2);
      for (const source of sources) {
        assert.match(
          source.last_error ?? '',
          new RegExp(
            `unsafe_redirect: /\\S+: redirect to 127\\.0\\.0\\.1:${port} refused: not a public address`,
          ),
        );
        assert.doesNotMatch(source.last_error ?? '', /401|auth/i);
        assert.equal(source.items_stored, 0);
      }
      assert.equal(await t.running.app.get(DataSource).getRepository(NewsItem).count(), 0);
    });

    it('never sends the redirected request: the internal service sees nothing', async () => {
      t.fake.inject('rss', { type: 'redirect', location: `${internal.url}/admin`, status: 307 });
      await api().post('/api/jobs/news/run').set('X-API-Key', ADMIN_KEY).expect(200);
      assert.equal(internal.hits(), 0);
      const sources = (await api().get('/api/news/sources').expect(200)).body.data as Source[];
      for (const source of sources) {
        assert.match(source.last_error ?? '', /refused: not a public address/);
        assert.doesNotMatch(source.last_error ?? '', /internal answer|secret/);
      }
    });

    it('guards every upstream, JSON APIs too: a DeFi Llama redirect is a 503 naming the refusal', async () => {
      t.fake.inject('defillama:/v2/chains', {
        type: 'redirect',
        location: `${internal.url}/v2/chains`,
      });
      const res = await api().get('/api/defi/chains').expect(503);
      assert.deepEqual(
        res.body.attempted.map((a: { provider: string; outcome: string }) => [
          a.provider,
          a.outcome,
        ]),
        [['defillama', 'unsafe_redirect']],
      );
      assert.match(res.body.attempted[0].reason, /redirect to 127\.0\.0\.1:\d+ refused/);
      assert.equal(internal.hits(), 0);
    });

    it('refuses other schemes in a redirect', async () => {
      t.fake.inject('defillama:/v2/chains', { type: 'redirect', location: 'file:///etc/passwd' });
      const res = await api().get('/api/defi/chains').expect(503);
      assert.match(res.body.attempted[0].reason, /refused: scheme file: is not allowed/);
    });
  });

  describe('with DISCOVERY_ALLOW_ADDRESSES=127.0.0.1 (the operator loosens the guard)', () => {
    let t: FakeBackedApp;
    let internal: Awaited<ReturnType<typeof startInternalService>>;
    const api = () => request(t.running.url);

    before(async () => {
      t = await startFakeBackedApp({
        DISCOVERY_ALLOW_ADDRESSES: '127.0.0.1',
        PROVIDER_TIMEOUT_MS: '2000',
        COINGECKO_API_KEY: 'test-demo-key',
      });
      internal = await startInternalService();
    });

    after(async () => {
      await t.stop();
      await internal.close();
    });

    it('drops credentials in headers when a redirect leaves the configured origin', async () => {
      t.fake.inject('coingecko:/api/v3/coins/markets', {
        type: 'redirect',
        location: `${internal.url}/elsewhere`,
      });
      // The other market sources fail, so the answer is CoinGecko's failure alone.
      t.fake.inject('coinpaprika', { type: 'status', status: 503 });
      t.fake.inject('coinlore', { type: 'status', status: 503 });
      const res = await api().get('/api/coins/top?limit=5').expect(503);
      assert.equal(internal.hits(), 1, 'the allowed address was reached');
      assert.equal(res.body.attempted[0].outcome, 'bad_payload');
      const headers = internal.lastHeaders() ?? {};
      assert.equal(headers['x-cg-demo-api-key'], undefined);
      assert.equal(headers.accept, 'application/json');
    });

    it('follows a redirect to an allowed address and stores what it serves', async () => {
      t.fake.inject(
        'rss:/:feed',
        { type: 'redirect', location: `${t.fake.baseUrl}/rss/decrypt` },
        1,
      );
      const run = await api().post('/api/jobs/news/run').set('X-API-Key', ADMIN_KEY).expect(200);
      assert.equal(run.body.result, 'ok', run.body.error);
      assert.equal(t.fake.count('rss:/:feed'), 3, 'two feeds plus the followed redirect');
      const sources = (await api().get('/api/news/sources').expect(200)).body.data as Source[];
      assert.deepEqual(
        sources.map((s) => s.last_error),
        [null, null],
      );
      assert.equal(
        await t.running.app.get(DataSource).getRepository(NewsItem).count(),
        run.body.rows,
      );
      assert.ok(run.body.rows > 0);
    });
  });
});
