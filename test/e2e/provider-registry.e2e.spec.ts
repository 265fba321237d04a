import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CacheService } from '../../src/core/cache';
import { Price } from '../../src/market/entities/price.entity';
import { ApiCallRecorder } from '../../src/providers/api-call.recorder';
import { ProviderHealthFlusher } from '../../src/providers/health/provider-health.flusher';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

const PRICE_PROVIDERS = [
  'coingecko',
  'binance',
  'kraken',
  'coinbase',
  'coincap',
  'cryptocompare',
  'coinpaprika',
  'coinlore',
];

describe('provider registry through /api/prices', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const priceRows = () => t.running.app.get(DataSource).getRepository(Price).count();

  before(async () => {
    t = await startFakeBackedApp({ CACHE_TTL_PRICES: '60', CIRCUIT_BREAKER_THRESHOLD: '3' });
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.fake.resetCounts();
    t.running.app.get(CacheService).invalidate('prices:');
  });

  it('serves prices from the first provider, with meta naming it', async () => {
    const res = await api().get('/api/prices?symbols=BTC,eth,NOPE').expect(200);
    assert.deepEqual(
      res.body.data.map((p: { symbol: string }) => p.symbol),
      ['BTC', 'ETH'],
    );
    const served = t.fake.lastServed<Record<string, Record<string, number>>>(
      'coingecko:/api/v3/simple/price',
    );
    for (const [i, id] of ['bitcoin', 'ethereum'].entries()) {
      const quote = served[id];
      assert.deepEqual(res.body.data[i], {
        symbol: i === 0 ? 'BTC' : 'ETH',
        name: i === 0 ? 'Bitcoin' : 'Ethereum',
        price: quote.usd,
        change_24h: quote.usd_24h_change,
        volume_24h: quote.usd_24h_vol,
        market_cap: quote.usd_market_cap,
        last_updated: new Date(quote.last_updated_at * 1000).toISOString(),
        last_updated_source: 'provider',
        provider: 'coingecko',
      });
    }
    assert.equal(res.body.meta.provider, 'coingecko');
    assert.deepEqual(res.body.meta.unknown, ['NOPE']);
    assert.deepEqual(res.body.meta.missing, []);
    assert.equal(res.body.meta.cached, false);
    assert.equal(res.body.meta.stale, false);
    assert.deepEqual(
      res.body.meta.attempted.map((a: { provider: string; outcome: string }) => [
        a.provider,
        a.outcome,
      ]),
      [['coingecko', 'ok']],
    );
    const again = await api().get('/api/prices?symbols=BTC,ETH').expect(200);
    assert.equal(again.body.meta.cached, true);
    assert.equal(t.fake.count('coingecko:/api/v3/simple/price'), 1);
  });

  it('a quote without the upstream’s time says last_updated_source "received", not a fresh time', async () => {
    const body = { bitcoin: { usd: 64000.5, usd_24h_change: 1.5 } };
    t.fake.inject('coingecko', { type: 'status', status: 200, body });
    const before = Date.now();
    const res = await api().get('/api/prices?symbols=BTC').expect(200);
    const [quote] = res.body.data;
    assert.deepEqual([quote.price, quote.provider], [64000.5, 'coingecko']);
    assert.equal(quote.last_updated_source, 'received');
    assert.ok(Date.parse(quote.last_updated) >= before - 1000);
  });

  it('fails over to the next provider when the first one errors', async () => {
    t.fake.inject('coingecko', { type: 'status', status: 502 });
    const res = await api().get('/api/prices?symbols=SOL').expect(200);
    assert.equal(res.body.meta.provider, 'binance');
    assert.equal(res.body.data[0].provider, 'binance');
    const [ticker] = t.fake.lastServed<Record<string, string>[]>('binance-a:/api/v3/ticker/24hr');
    assert.deepEqual(
      [res.body.data[0].price, res.body.data[0].change_24h, res.body.data[0].volume_24h],
      [Number(ticker.lastPrice), Number(ticker.priceChangePercent), Number(ticker.quoteVolume)],
    );
    assert.deepEqual(
      res.body.meta.attempted.map((a: { provider: string; outcome: string }) => [
        a.provider,
        a.outcome,
      ]),
      [
        ['coingecko', 'upstream_5xx'],
        ['binance', 'ok'],
      ],
    );
  });

  it('answers from the secondary when the primary hangs, after the per-call timeout', async () => {
    t.fake.inject('coingecko', { type: 'hang' });
    const res = await api().get('/api/prices?symbols=ADA').expect(200);
    assert.equal(res.body.meta.provider, 'binance');
    assert.equal(res.body.meta.attempted[0].outcome, 'timeout');
    assert.ok(res.body.meta.attempted[0].duration_ms >= 290);
  });

  it('100 concurrent identical requests on a cold cache make one upstream request', async () => {
    t.fake.inject('coingecko', { type: 'delay', ms: 100 });
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => api().get('/api/prices?symbols=LTC,DOT')),
    );
    assert.ok(responses.every((r) => r.status === 200 && r.body.data.length === 2));
    assert.equal(t.fake.count('coingecko:/api/v3/simple/price'), 1);
    assert.equal(t.fake.count('binance'), 0);
  });

  it('when every provider fails: 503 naming each provider and why, nothing stored', async () => {
    const rowsBefore = await priceRows();
    t.fake.inject('coingecko', { type: 'status', status: 500 });
    t.fake.inject('binance', { type: 'malformed' });
    t.fake.inject('kraken', { type: 'error200' });
    t.fake.inject('coinbase', { type: 'status', status: 502 });
    t.fake.inject('coincap', { type: 'wrongTypes' });
    t.fake.inject('cryptocompare', { type: 'html', status: 403 });
    t.fake.inject('coinpaprika', { type: 'status', status: 402, body: { error: 'plan' } });
    t.fake.inject('coinlore', { type: 'malformed' });
    const res = await api().get('/api/prices?symbols=XRP').expect(503);
    assert.equal(res.body.statusCode, 503);
    assert.equal(res.body.error, 'Service Unavailable');
    assert.match(res.body.message, /No provider could serve prices: coingecko \(upstream_5xx/);
    assert.deepEqual(
      res.body.attempted.map((a: { provider: string; outcome: string }) => [a.provider, a.outcome]),
      [
        ['coingecko', 'upstream_5xx'],
        ['binance', 'bad_payload'],
        ['kraken', 'upstream_5xx'],
        ['coinbase', 'upstream_5xx'],
        ['coincap', 'bad_payload'],
        ['cryptocompare', 'geo_blocked'],
        ['coinpaprika', 'auth'],
        ['coinlore', 'bad_payload'],
      ],
    );
    assert.equal(await priceRows(), rowsBefore);
    // The process is still serving.
    await api().get('/api/health/live').expect(200);
  });

  it('serves the last good value with meta.stale when every provider fails later', async () => {
    const cache = t.running.app.get(CacheService);
    await api().get('/api/prices?symbols=LINK').expect(200);
    // Expire the cached entry without dropping it, as time passing would.
    const entries = (cache as unknown as { entries: { get(k: string): { expiresAt: number } } })
      .entries;
    entries.get('prices:usd:LINK').expiresAt = Date.now() - 1;
    for (const provider of PRICE_PROVIDERS) {
      t.fake.inject(provider, { type: 'status', status: 500 });
    }
    const res = await api().get('/api/prices?symbols=LINK').expect(200);
    assert.equal(res.body.meta.stale, true);
    assert.equal(res.body.meta.cached, true);
    assert.equal(typeof res.body.meta.age_seconds, 'number');
    assert.equal(res.body.data[0].symbol, 'LINK');
  });

  it('stores the quotes it fetched in prices', async () => {
    const before = await priceRows();
    await api().get('/api/prices?symbols=AVAX,BCH').expect(200);
    assert.equal(await priceRows(), before + 2);
  });

  it('GET /api/prices/:symbol answers one coin and 404s an unknown one', async () => {
    const res = await api().get('/api/prices/eth').expect(200);
    assert.equal(res.body.data.symbol, 'ETH');
    assert.equal(res.body.meta.provider, 'coingecko');
    const missing = await api().get('/api/prices/NOPE').expect(404);
    assert.match(
      missing.body.message,
      /^Unknown symbol "NOPE": not a ticker or CoinGecko id among the 30 coins/,
    );
  });

  it('GET /api/prices/consensus: median of every provider, each source and the spread', async () => {
    t.running.app.get(CacheService).invalidate('consensus:');
    const res = await api().get('/api/prices/consensus?symbols=BTC,NOPE').expect(200);
    assert.equal(res.body.meta.provider, 'consensus');
    assert.deepEqual(res.body.meta.unknown, ['NOPE']);
    const [btc] = res.body.data;
    const sources = btc.sources.map((s: { provider: string }) => s.provider).sort();
    assert.deepEqual(sources, PRICE_PROVIDERS.slice().sort());
    const prices = btc.sources
      .map((s: { price: number }) => s.price)
      .sort((a: number, b: number) => a - b);
    // Eight sources: the median is the mean of the middle two.
    const middle = (prices[3] + prices[4]) / 2;
    assert.ok(Math.abs(btc.price - middle) < 1e-9);
    const spread = ((prices[7] - prices[0]) / middle) * 100;
    assert.ok(Math.abs(btc.spread_pct - spread) < 0.0001);
    assert.ok(btc.spread_pct > 0 && btc.spread_pct < 0.2);
  });

  it('consensus leaves out a failing provider and says why', async () => {
    t.running.app.get(CacheService).invalidate('consensus:');
    t.fake.inject('kraken', { type: 'status', status: 500 });
    const res = await api().get('/api/prices/consensus?symbols=ETH').expect(200);
    assert.equal(res.body.data[0].sources.length, PRICE_PROVIDERS.length - 1);
    const kraken = res.body.meta.attempted.find(
      (a: { provider: string }) => a.provider === 'kraken',
    );
    assert.equal(kraken.outcome, 'upstream_5xx');
  });

  it('rejects bad queries with a 400 naming the problem', async () => {
    const noSymbols = await api().get('/api/prices').expect(400);
    assert.match(noSymbols.body.message, /symbols/);
    const badVs = await api().get('/api/prices?symbols=BTC&vs=usdt').expect(400);
    assert.match(badVs.body.message, /unknown currency usdt; GET \/api\/currencies/);
    const badSymbol = await api().get('/api/prices?symbols=BT$C').expect(400);
    assert.match(badSymbol.body.message, /letters, digits or "-"/);
  });
});

describe('provider protection: Retry-After, breakers, Binance hosts', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const fresh = () => t.running.app.get(CacheService).invalidate('prices:');

  before(async () => {
    t = await startFakeBackedApp({
      CIRCUIT_BREAKER_THRESHOLD: '3',
      CIRCUIT_BREAKER_COOLDOWN_SECONDS: '60',
    });
  });

  after(async () => {
    await t.stop();
  });

  it('a 429 with Retry-After: 30 means no request to that provider for 30 s', async () => {
    t.fake.inject('coingecko', { type: 'status', status: 429, retryAfter: 30 }, 1);
    const first = await api().get('/api/prices?symbols=BTC').expect(200);
    assert.equal(first.body.meta.attempted[0].outcome, 'rate_limited');
    for (let i = 0; i < 3; i += 1) {
      fresh();
      const next = await api().get('/api/prices?symbols=BTC').expect(200);
      assert.notEqual(next.body.meta.provider, 'coingecko');
    }
    assert.equal(t.fake.count('coingecko:/api/v3/simple/price'), 1);
    const provider = await api().get('/api/providers/coingecko').expect(200);
    assert.ok(provider.body.cooling_down_seconds >= 29 && provider.body.cooling_down_seconds <= 30);
    assert.equal(provider.body.health.last_error.kind, 'rate_limited');
  });

  it('Binance: after a 451 from the first host, later calls go straight to the next host', async () => {
    await api()
      .patch('/api/providers/coingecko')
      .set('X-API-Key', ADMIN_KEY)
      .send({ enabled: false })
      .expect(200);
    t.fake.resetCounts();
    t.fake.inject('binance-a', {
      type: 'status',
      status: 451,
      body: { code: 0, msg: 'restricted location' },
    });
    fresh();
    const first = await api().get('/api/prices?symbols=DOGE').expect(200);
    assert.equal(first.body.meta.provider, 'binance');
    assert.equal(t.fake.count('binance-a'), 1);
    assert.equal(t.fake.count('binance-b'), 1);
    for (let i = 0; i < 3; i += 1) {
      fresh();
      await api().get('/api/prices?symbols=DOGE').expect(200);
    }
    assert.equal(t.fake.count('binance-a'), 1);
    assert.equal(t.fake.count('binance-b'), 4);
    await api()
      .patch('/api/providers/coingecko')
      .set('X-API-Key', ADMIN_KEY)
      .send({ enabled: true })
      .expect(200);
  });
  it('opens the breaker after consecutive failures and then skips the provider at once', async () => {
    for (const provider of PRICE_PROVIDERS) {
      t.fake.inject(provider, { type: 'status', status: 500 });
    }
    for (let i = 0; i < 3; i += 1) {
      fresh();
      await api().get('/api/prices?symbols=ETH').expect(503);
    }
    const krakenCalls = t.fake.count('kraken');
    fresh();
    const res = await api().get('/api/prices?symbols=ETH').expect(503);
    const kraken = res.body.attempted.find((a: { provider: string }) => a.provider === 'kraken');
    assert.deepEqual(kraken, {
      provider: 'kraken',
      outcome: 'skipped',
      reason: 'circuit open after repeated failures',
    });
    assert.equal(t.fake.count('kraken'), krakenCalls);
    const state = await api().get('/api/providers/kraken').expect(200);
    assert.equal(state.body.breaker, 'open');
    assert.equal(state.body.health_score, 0);
    assert.equal(state.body.status, 'down');
    t.fake.clear();
  });
});

describe('/api/providers and /api/pools', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const fresh = () => t.running.app.get(CacheService).invalidate('prices:');

  before(async () => {
    t = await startFakeBackedApp({ COINCAP_API_KEY: '' });
  });

  after(async () => {
    await t.stop();
  });

  it('lists every catalogued provider with live health, breaker and budget', async () => {
    const res = await api().get('/api/providers').expect(200);
    assert.equal(res.body.meta.count, res.body.data.length);
    assert.ok(Date.now() - Date.parse(res.body.meta.asOf) < 60_000);
    const ids = res.body.data.map((p: { id: string }) => p.id).sort();
    assert.deepEqual(ids, [
      'alternative-me',
      'binance',
      'coinbase',
      'coincap',
      'coingecko',
      'coinlore',
      'coinpaprika',
      'cryptocompare',
      'defillama',
      'etherscan',
      'frankfurter',
      'kraken',
      'okx',
      'rss',
    ]);
    const coingecko = res.body.data.find((p: { id: string }) => p.id === 'coingecko');
    assert.equal(coingecko.status, 'active');
    assert.equal(coingecko.breaker, 'closed');
    assert.deepEqual(coingecko.budget, { limit: 30, window_seconds: 60, remaining: 30 });
    assert.deepEqual(coingecko.categories, [
      'prices',
      'market',
      'trending',
      'ohlcv',
      'history',
      'directory',
      'coin-detail',
      'fx',
      'quotes',
    ]);
    const coincap = res.body.data.find((p: { id: string }) => p.id === 'coincap');
    assert.equal(coincap.status, 'disabled');
    assert.equal(coincap.unavailable_reason, 'needs key (COINCAP_API_KEY)');
  });

  it('shows the health fields changing as faults are injected', async () => {
    await api().get('/api/prices?symbols=BTC').expect(200);
    const healthy = (await api().get('/api/providers/coingecko').expect(200)).body;
    assert.equal(healthy.health.calls, 1);
    assert.equal(healthy.health.failures, 0);
    assert.equal(healthy.budget.remaining, 29);
    assert.equal(typeof healthy.health.latency_ewma_ms, 'number');

    t.fake.inject('coingecko', { type: 'wrongTypes' });
    fresh();
    await api().get('/api/prices?symbols=BTC').expect(200);
    const hurt = (await api().get('/api/providers/coingecko').expect(200)).body;
    assert.equal(hurt.health.calls, 2);
    assert.equal(hurt.health.failures, 1);
    assert.equal(hurt.health.success_rate, 0.5);
    assert.equal(hurt.health.last_error.kind, 'bad_payload');
    assert.ok(hurt.health_score < healthy.health_score);
    assert.equal(hurt.status, 'degraded');
    t.fake.clear();
  });

  it('copies live health into the providers table', async () => {
    await t.running.app.get(ProviderHealthFlusher).flush();
    const [row] = await t.running.app
      .get(DataSource)
      .query("SELECT status, health_score, last_error FROM providers WHERE name = 'coingecko'");
    assert.equal(row.status, 'degraded');
    assert.ok(row.health_score > 0 && row.health_score < 70);
    assert.match(row.last_error, /^bad_payload: /);
  });

  it('probes a provider on demand and reports failures', async () => {
    const ok = await api().get('/api/providers/kraken/health').expect(200);
    assert.equal(ok.body.ok, true);
    assert.equal(ok.body.attempt.outcome, 'ok');
    t.fake.inject('kraken', { type: 'reset' });
    const down = await api().get('/api/providers/kraken/health').expect(200);
    assert.equal(down.body.ok, false);
    assert.equal(down.body.attempt.outcome, 'network');
    t.fake.clear();
    await api().get('/api/providers/nope/health').expect(404);
    // The news probe reads the first configured feed, here the fake's.
    const before = t.fake.count('rss');
    const rss = await api().get('/api/providers/rss/health').expect(200);
    assert.equal(rss.body.ok, true);
    assert.equal(t.fake.count('rss'), before + 1);
  });

  it('keeps write endpoints for admins', async () => {
    const anonymous = await api().patch('/api/providers/kraken').send({ priority: 1 }).expect(401);
    assert.match(anonymous.body.message, /needs a key of the admin tier/);
    await api()
      .patch('/api/providers/kraken')
      .set('X-API-Key', 'wrong')
      .send({ priority: 1 })
      .expect(401);
    await api()
      .post('/api/pools')
      .send({ name: 'x', category: 'prices', strategy: 'priority' })
      .expect(401);
  });

  it('PATCH disables a provider, and the registry stops using it', async () => {
    const res = await api()
      .patch('/api/providers/coingecko')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .send({ enabled: false, priority: 99 })
      .expect(200);
    assert.equal(res.body.enabled, false);
    assert.equal(res.body.priority, 99);
    assert.equal(res.body.status, 'disabled');
    fresh();
    const prices = await api().get('/api/prices?symbols=SOL').expect(200);
    assert.equal(prices.body.meta.provider, 'binance');
    assert.deepEqual(prices.body.meta.attempted[0], {
      provider: 'coingecko',
      outcome: 'skipped',
      reason: 'disabled by operator',
    });
    await api()
      .patch('/api/providers/coingecko')
      .set('X-API-Key', ADMIN_KEY)
      .send({ enabled: 'yes' })
      .expect(400);
    await api()
      .patch('/api/providers/coingecko')
      .set('X-API-Key', ADMIN_KEY)
      .send({ enabled: true, priority: 10 })
      .expect(200);
  });

  it('reports calls, errors and latency percentiles from api_calls', async () => {
    await t.running.app.get(ApiCallRecorder).flush();
    const res = await api().get('/api/providers/stats?window=1h').expect(200);
    assert.equal(res.body.window, '1h');
    const coingecko = res.body.providers.find(
      (p: { provider: string }) => p.provider === 'coingecko',
    );
    assert.ok(coingecko.calls >= 2);
    assert.ok(coingecko.errors >= 0);
    assert.equal(typeof coingecko.latency_p95_ms, 'number');
    await api().get('/api/providers/stats?window=forever').expect(400);
  });

  it('has a default priority pool per category and uses a newly created pool', async () => {
    const pools = (await api().get('/api/pools').expect(200)).body;
    assert.equal(pools.meta.count, pools.data.length);
    const prices = pools.data.find((p: { name: string }) => p.name === 'prices');
    assert.equal(prices.strategy, 'priority');
    assert.equal(prices.active, true);
    assert.deepEqual(
      prices.members.map((m: { provider: string }) => m.provider),
      PRICE_PROVIDERS,
    );

    const created = await api()
      .post('/api/pools')
      .set('X-API-Key', ADMIN_KEY)
      .send({
        name: 'prices-rr',
        category: 'prices',
        strategy: 'round_robin',
        members: [{ provider: 'kraken' }, { provider: 'binance' }],
      })
      .expect(201);
    assert.equal(created.body.active, true);
    assert.deepEqual(created.body.next_order, ['kraken', 'binance']);

    fresh();
    const first = await api().get('/api/prices?symbols=BTC').expect(200);
    fresh();
    const second = await api().get('/api/prices?symbols=BTC').expect(200);
    assert.deepEqual([first.body.meta.provider, second.body.meta.provider], ['kraken', 'binance']);

    const rotated = await api()
      .post(`/api/pools/${created.body.id}/rotate`)
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    assert.deepEqual(rotated.body.next_order, ['binance', 'kraken']);

    await api()
      .post('/api/pools')
      .set('X-API-Key', ADMIN_KEY)
      .send({ name: 'prices-rr', category: 'prices', strategy: 'priority' })
      .expect(409);
    await api()
      .post('/api/pools')
      .set('X-API-Key', ADMIN_KEY)
      .send({ name: 'bad', category: 'prices', strategy: 'random' })
      .expect(400);

    await api().delete(`/api/pools/${created.body.id}`).set('X-API-Key', ADMIN_KEY).expect(204);
    fresh();
    const after = await api().get('/api/prices?symbols=BTC').expect(200);
    assert.equal(after.body.meta.provider, 'coingecko');
    await api().get(`/api/pools/${created.body.id}`).expect(404);
  });
});

describe('stored quotes as the last resort', () => {
  let t: FakeBackedApp;

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it('serves stored quotes, marked stale, when every provider fails and nothing is cached', async () => {
    await request(t.running.url).get('/api/prices?symbols=DOT').expect(200);
    const stored = await t.running.app
      .get(DataSource)
      .getRepository(Price)
      .findOneOrFail({ where: { symbol: 'DOT' }, order: { timestamp: 'DESC' } });
    // An empty cache, as after a restart.
    t.running.app.get(CacheService).invalidate('prices:');
    for (const provider of PRICE_PROVIDERS) {
      t.fake.inject(provider, { type: 'status', status: 500 });
    }
    const res = await request(t.running.url).get('/api/prices?symbols=DOT').expect(200);
    assert.deepEqual(
      [res.body.meta.provider, res.body.meta.stale, res.body.meta.cached],
      ['database', true, false],
    );
    assert.deepEqual(
      res.body.meta.attempted.map((a: { provider: string }) => a.provider).sort(),
      PRICE_PROVIDERS.slice().sort(),
    );
    assert.deepEqual(
      [res.body.data[0].symbol, res.body.data[0].price, res.body.data[0].provider],
      ['DOT', stored.price, stored.provider],
    );
  });
});
