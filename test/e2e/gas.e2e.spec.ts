import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface EtherscanOracle {
  result: {
    LastBlock: string;
    SafeGasPrice: string;
    ProposeGasPrice: string;
    FastGasPrice: string;
    suggestBaseFee: string;
  };
}

const ROUTE = 'etherscan:/v2/api';

describe('GET /api/gas: Ethereum gas prices from the Etherscan gas oracle', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    // A longer call timeout than the other suites: the first answer must come from the oracle.
    t = await startFakeBackedApp({ CACHE_TTL_GAS: '1', PROVIDER_TIMEOUT_MS: '2000' });
  });

  after(async () => {
    await t.stop();
  });

  it('answers what the oracle served, cached for CACHE_TTL_GAS', async () => {
    t.fake.resetCounts();
    const res = await api().get('/api/gas').expect(200);
    const { result } = t.fake.lastServed<EtherscanOracle>(ROUTE);
    assert.deepEqual(res.body.data, {
      chain: 'ethereum',
      last_block: Number(result.LastBlock),
      safe_gwei: Number(result.SafeGasPrice),
      propose_gwei: Number(result.ProposeGasPrice),
      fast_gwei: Number(result.FastGasPrice),
      base_fee_gwei: Number(result.suggestBaseFee),
    });
    assert.equal(res.body.meta.provider, 'etherscan');
    assert.equal(res.body.meta.stale, false);
    assert.deepEqual(
      res.body.meta.attempted.map((a: { provider: string; outcome: string }) => [
        a.provider,
        a.outcome,
      ]),
      [['etherscan', 'ok']],
    );
    // The key travels as the oracle expects it, and a second request within the TTL stays local.
    await api().get('/api/gas').expect(200);
    assert.equal(t.fake.count(ROUTE), 1);
  });

  it('serves the last answer marked stale while the oracle fails, then a 503 naming it', async () => {
    const before = (await api().get('/api/gas').expect(200)).body;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    t.fake.inject(ROUTE, { type: 'error200' });
    try {
      const stale = await api().get('/api/gas').expect(200);
      assert.deepEqual(stale.body.data, before.data);
      assert.equal(stale.body.meta.stale, true);
      assert.equal(stale.body.meta.asOf, before.meta.asOf);
      t.running.app.get(CacheService).invalidate('gas:');
      const none = await api().get('/api/gas').expect(503);
      // Its "rate limit reached" answer a moment ago still holds it back for a second.
      assert.match(
        none.body.message,
        /^No provider could serve gas: etherscan \((rate_limited|skipped: rate limited)/,
      );
    } finally {
      t.fake.clear();
    }
  });

  it('is documented in the OpenAPI document with every field', async () => {
    const doc = (await api().get('/docs-json').expect(200)).body;
    const operation = doc.paths['/api/gas'].get;
    assert.match(operation.summary, /Etherscan/);
    const schema = doc.components.schemas.GasPricesDto;
    assert.deepEqual(Object.keys(schema.properties).sort(), [
      'base_fee_gwei',
      'chain',
      'fast_gwei',
      'last_block',
      'propose_gwei',
      'safe_gwei',
    ]);
    for (const property of Object.values<{ description?: string }>(schema.properties)) {
      assert.ok(property.description, 'every field is described');
    }
  });
});
