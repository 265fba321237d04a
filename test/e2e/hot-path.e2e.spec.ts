import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CUSTOM_ROUTE_ARGS_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, Reflector } from '@nestjs/core';
import request from 'supertest';
import { callerTierOf } from '../../src/auth/current-caller.decorator';
import { CacheService } from '../../src/core/cache';
import { HOT_PATH_GATE, type HotPathGate } from '../../src/core/web/hot-path/hot-path.gate';
import { HOT_TTL_MS } from '../../src/core/web/hot-path/hot-entries';
import { HotPath } from '../../src/core/web/hot-path/hot-path.service';
import { HOT_RESPONSE } from '../../src/core/web/hot-path/hot-response.decorator';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

/** A request for every @HotResponse() route, by controller and handler. */
const HOT_URLS = new Map([
  ['DefiController.chains', '/api/defi/chains'],
  ['DefiController.protocols', '/api/defi?limit=5'],
  ['FearGreedController.index', '/api/sentiment/fear-greed?limit=7'],
  ['GasController.prices', '/api/gas'],
  ['MarketController.overview', '/api/market'],
  ['MarketController.trending', '/api/trending'],
  ['OhlcvController.candles', '/api/ohlcv?symbol=BTC&interval=1d&limit=30'],
  ['PricesController.consensus', '/api/prices/consensus?symbols=BTC,ETH'],
  ['PricesController.list', '/api/prices?symbols=BTC,ETH'],
  ['TopCoinsController.movers', '/api/market/movers?top=10'],
  ['TopCoinsController.top', '/api/coins/top?limit=5'],
  ['PricesController.one', '/api/prices/ETH'],
]);

/** What a hot route may read besides @CallerTier(): its query, its path and the response. */
const ALLOWED_PARAMS = new Set([
  RouteParamtypes.QUERY,
  RouteParamtypes.PARAM,
  RouteParamtypes.RESPONSE,
]);

interface RouteArg {
  index: number;
  factory?: unknown;
}

/** Every handler marked @HotResponse() in the running application, with its parameters. */
function hotRoutes(t: FakeBackedApp): { name: string; args: Record<string, RouteArg> }[] {
  const reflector = t.running.app.get(Reflector);
  return t.running.app
    .get(DiscoveryService)
    .getControllers()
    .flatMap(({ metatype }) => {
      const type = metatype as new () => object;
      return Object.getOwnPropertyNames(type.prototype)
        .filter((method) => method !== 'constructor')
        .filter((method) => reflector.get<boolean>(HOT_RESPONSE, (type.prototype as never)[method]))
        .map((method) => ({
          name: `${type.name}.${method}`,
          args: (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, method) ?? {}) as Record<
            string,
            RouteArg
          >,
        }));
    })
    .sort((x, y) => x.name.localeCompare(y.name));
}

describe('hot path: cached answers replayed in front of the framework', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const hits = () => t.running.app.get(HotPath).hits;
  const PATH = '/api/prices?symbols=BTC,ETH';
  const createProKey = async () => {
    const res = await api()
      .post('/api/auth/keys')
      .set('X-API-Key', ADMIN_KEY)
      .send({ name: 'hot', tier: 'pro' })
      .expect(201);
    return res.body.key as string;
  };

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

  it('keeps answers per tier (an admin key is not served the anonymous answer, its own repeat is) and sends conditional requests through the framework', async () => {
    await api().get(PATH).expect(200);
    await api().get(PATH).expect(200);
    const before = hits();
    await api().get(PATH).set('X-API-Key', ADMIN_KEY).expect(200);
    await api().get(PATH).set('If-None-Match', 'W/"x"').expect(200);
    assert.equal(hits(), before);
    await api().get(PATH).set('X-API-Key', ADMIN_KEY).expect(200);
    assert.equal(hits(), before + 1, "the admin tier's own kept answer is replayed");
  });

  it('a @HotResponse() route takes nothing of the caller but the tier (its answers are kept per tier)', () => {
    const hot = hotRoutes(t);
    assert.deepEqual(
      hot.map((r) => r.name),
      [...HOT_URLS.keys()].sort(),
      'every hot route is listed in HOT_URLS below, so the next test asks it too',
    );
    for (const route of hot) {
      for (const [key, arg] of Object.entries(route.args)) {
        const allowed = key.includes(CUSTOM_ROUTE_ARGS_METADATA)
          ? arg.factory === callerTierOf
          : ALLOWED_PARAMS.has(Number(key.split(':')[0]));
        assert.ok(
          allowed,
          `${route.name} parameter ${arg.index}: only @CallerTier() may read the caller`,
        );
      }
    }
  });

  it('two callers of one tier get the same bytes from every @HotResponse() route', async () => {
    const [a, b] = [await createProKey(), await createProKey()];
    // A cookie sends a request through the framework: each answer is computed for its caller.
    const framework = (url: string, key: string) =>
      api().get(url).set('X-API-Key', key).set('Cookie', 'bypass=1').expect(200);
    const timeless = (text: string) => text.replace(/"age_seconds":\d+/g, '"age_seconds":0');
    for (const url of HOT_URLS.values()) {
      await framework(url, a);
      const [forA, forB] = [await framework(url, a), await framework(url, b)];
      assert.equal(forA.body.meta.cached, true, url);
      assert.equal(timeless(forB.text), timeless(forA.text), url);
    }
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
