import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { HOT_PATH_GATE, type HotPathGate } from '../../src/core/web/hot-path/hot-path-gate';
import { HOT_TTL_MS } from '../../src/core/web/hot-path/hot-entries';
import { HotPath } from '../../src/core/web/hot-path/hot-path';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

describe('hot path: cached answers replayed in front of the framework', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const hits = () => t.running.app.get(HotPath).hits;
  const PATH = '/api/prices?symbols=BTC,ETH';

  before(async () => {
    t = await startFakeBackedApp({ CACHE_TTL_PRICES: '60' });
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.running.app.get(CacheService).invalidate('');
    t.fake.resetCounts();
  });

  it('replays only answers served from the cache, with the same headers and bytes', async () => {
    const fresh = await api().get(PATH).expect(200);
    assert.equal(fresh.body.meta.cached, false);
    const before = hits();
    const cached = await api().get(PATH).expect(200);
    assert.equal(cached.body.meta.cached, true);
    assert.equal(hits(), before, 'the first cached answer comes from the framework');

    const replayed = await api().get(PATH).set('X-Request-Id', 'trace-42').expect(200);
    assert.equal(hits(), before + 1);
    assert.equal(replayed.text, cached.text);
    assert.equal(replayed.headers['x-request-id'], 'trace-42');
    for (const header of ['content-type', 'content-security-policy', 'x-content-type-options']) {
      assert.equal(replayed.headers[header], cached.headers[header], header);
    }
    assert.equal(t.fake.count('coingecko'), 1);
  });

  it('sends callers with credentials and conditional requests through the framework', async () => {
    await api().get(PATH).expect(200);
    await api().get(PATH).expect(200);
    const before = hits();
    await api().get(PATH).set('X-API-Key', ADMIN_KEY).expect(200);
    await api().get(PATH).set('If-None-Match', 'W/"x"').expect(200);
    assert.equal(hits(), before);
  });

  it('forgets replayed answers when the data cache is invalidated or after a second', async () => {
    await api().get(PATH).expect(200);
    await api().get(PATH).expect(200);
    t.running.app.get(CacheService).invalidate('prices:');
    const before = hits();
    const refetched = await api().get(PATH).expect(200);
    assert.equal(refetched.body.meta.cached, false);
    assert.equal(hits(), before);

    await api().get(PATH).expect(200);
    await sleep(HOT_TTL_MS + 100);
    const later = await api().get(PATH).expect(200);
    assert.equal(hits(), before, 'expired: answered by the framework');
    assert.equal(later.body.meta.cached, true);
  });

  it('never replays errors or answers of routes not marked hot', async () => {
    await api().get('/api/prices?symbols=B$C').expect(400);
    await api().get('/api/prices?symbols=B$C').expect(400);
    await api().get('/api/health/live').expect(200);
    const before = hits();
    await api().get('/api/prices?symbols=B$C').expect(400);
    await api().get('/api/health/live').expect(200);
    assert.equal(hits(), before);
  });

  it('a failing gate falls through to the framework instead of leaving the request hanging', async () => {
    const gate = t.running.app.get<HotPathGate>(HOT_PATH_GATE);
    await api().get(PATH).expect(200);
    await api().get(PATH).expect(200);
    const before = hits();
    gate.charge = () => Promise.reject(new Error('counter store down'));
    try {
      const res = await api().get(PATH).timeout(5_000).expect(200);
      assert.equal(res.body.meta.cached, true);
      assert.equal(hits(), before, 'answered by the framework');
    } finally {
      delete (gate as Partial<HotPathGate>).charge;
    }
    await api().get(PATH).expect(200);
    assert.equal(hits(), before + 1, 'replays again once the gate works');
  });
});
