import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { ProviderDirectory } from '../../src/providers/provider.directory';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface Attempt {
  provider: string;
  outcome: string;
  reason?: string;
  duration_ms?: number;
}

describe('hedged failover with the default per-call timeout', () => {
  let t: FakeBackedApp;
  const runtime = (id: string) => t.running.app.get(ProviderDirectory).get(id);

  /** A fresh (uncached) price answer and how long it took. */
  const prices = async (symbols: string) => {
    t.running.app.get(CacheService).invalidate('prices:');
    const started = performance.now();
    const res = await request(t.running.url).get(`/api/prices?symbols=${symbols}`).expect(200);
    const body = res.body as {
      data: { symbol: string; price: number; provider: string }[];
      meta: { provider: string; attempted: Attempt[] };
    };
    return { ms: performance.now() - started, body };
  };
  const outcomes = (attempted: Attempt[]) => attempted.map((a) => [a.provider, a.outcome]);

  before(async () => {
    // The defaults: 5 s per call, 12 s per request, hedging after 300 to 800 ms.
    t = await startFakeBackedApp({
      PROVIDER_TIMEOUT_MS: '5000',
      PROVIDER_DEADLINE_MS: '12000',
      CACHE_TTL_PRICES: '60',
    });
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
  });

  it('a hedge that loses to a late first answer is cancelled, charged to its budget, not to its health', async () => {
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await prices('BTC')).body.meta.provider, 'coingecko');
    }
    // CoinGecko's p95 is a few ms: it is hedged after 300 ms, and answers at 450 ms.
    t.fake.inject('coingecko', { type: 'delay', ms: 450 });
    t.fake.inject('binance', { type: 'delay', ms: 3000 });
    const binance = runtime('binance');
    const before = { calls: binance.health.stats().calls, budget: await binance.budgetLeft() };
    const { ms, body } = await prices('DOGE');
    assert.ok(ms < 1500, `${ms} ms`);
    assert.equal(body.meta.provider, 'coingecko');
    assert.deepEqual(outcomes(body.meta.attempted), [
      ['coingecko', 'ok'],
      ['binance', 'cancelled'],
    ]);
    assert.match(body.meta.attempted[1].reason!, /^no answer in \d+ ms; coingecko answered first$/);
    assert.equal(binance.health.stats().calls, before.calls, 'not counted in its health');
    assert.equal(await binance.budgetLeft(), before.budget - 1);
  });
  it('a hanging first provider is hedged at its observed p95 (at least 300 ms): both in meta, both charged', async () => {
    const coingecko = runtime('coingecko');
    const binance = runtime('binance');
    const before = {
      failures: coingecko.health.stats().failures,
      budgets: [await coingecko.budgetLeft(), await binance.budgetLeft()],
    };
    t.fake.inject('coingecko', { type: 'hang' });
    const { ms, body } = await prices('SOL');
    assert.ok(ms < 1500, `${ms} ms`);
    assert.deepEqual(outcomes(body.meta.attempted), [
      ['coingecko', 'cancelled'],
      ['binance', 'ok'],
    ]);
    const [first] = body.meta.attempted;
    assert.ok(first.duration_ms! >= 300 && first.duration_ms! <= 800, `${first.duration_ms} ms`);
    const [ticker] = t.fake.lastServed<Record<string, string>[]>('binance-a:/api/v3/ticker/24hr');
    assert.deepEqual(
      [body.data[0].symbol, body.data[0].price, body.data[0].provider],
      ['SOL', Number(ticker.lastPrice), 'binance'],
    );
    // Overdue and cancelled: it counts as the timeout it was, against health and the breaker.
    assert.equal(coingecko.health.stats().failures, before.failures + 1);
    assert.equal(coingecko.health.stats().lastError?.kind, 'timeout');
    assert.deepEqual(
      [await coingecko.budgetLeft(), await binance.budgetLeft()],
      [before.budgets[0] - 1, before.budgets[1] - 1],
    );
  });

  it('the worst of 20 requests with the first provider hanging stays under 1.5 s', async () => {
    t.fake.inject('coingecko', { type: 'hang' });
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const { ms, body } = await prices('XRP');
      assert.equal(body.meta.provider, 'binance');
      times.push(ms);
    }
    assert.ok(Math.max(...times) <= 1500, `worst ${Math.max(...times)} ms`);
  });
});

describe('hedged failover before any latency is observed', () => {
  let t: FakeBackedApp;

  /** A fresh (uncached) price answer and how long it took. */
  const prices = async (symbols: string) => {
    t.running.app.get(CacheService).invalidate('prices:');
    const started = performance.now();
    const res = await request(t.running.url).get(`/api/prices?symbols=${symbols}`).expect(200);
    const body = res.body as {
      data: { symbol: string; price: number; provider: string }[];
      meta: { provider: string; attempted: Attempt[] };
    };
    return { ms: performance.now() - started, body };
  };
  const outcomes = (attempted: Attempt[]) => attempted.map((a) => [a.provider, a.outcome]);

  before(async () => {
    // The defaults: 5 s per call, 12 s per request, hedging after 300 to 800 ms.
    t = await startFakeBackedApp({
      PROVIDER_TIMEOUT_MS: '5000',
      PROVIDER_DEADLINE_MS: '12000',
      CACHE_TTL_PRICES: '60',
    });
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
  });

  it('a hanging first provider: the second is asked after the upper bound, 800 ms', async () => {
    t.fake.inject('coingecko', { type: 'hang' });
    const { ms, body } = await prices('ADA');
    assert.ok(ms < 1500, `${ms} ms`);
    assert.equal(body.meta.provider, 'binance');
    assert.deepEqual(outcomes(body.meta.attempted), [
      ['coingecko', 'cancelled'],
      ['binance', 'ok'],
    ]);
    const [first] = body.meta.attempted;
    assert.ok(first.duration_ms! >= 800 && first.duration_ms! < 1500, `${first.duration_ms} ms`);
    assert.match(
      first.reason!,
      /^no answer in \d+ ms \(hedged after 800 ms\); binance answered first$/,
    );
  });
});
