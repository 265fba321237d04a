import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { CurrenciesService } from '../../src/currencies/currencies.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface CurrencyRow {
  code: string;
  rate: number | null;
  rate_source: string | null;
  stale: boolean;
}
interface ExchangeRatesBody {
  rates: Record<string, { value: number }>;
}

/** The currency table across sources and restarts: stored, and taken from the next source. */
describe('currencies: stored table and the second FX source', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const currencies = async () => {
    const res = await api().get('/api/currencies').expect(200);
    return new Map((res.body.data as CurrencyRow[]).map((r) => [r.code, r]));
  };

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it("takes the fiat rates from CoinGecko's exchange rates when Frankfurter fails", async () => {
    t.fake.inject('frankfurter', { type: 'status', status: 500 });
    const rows = await currencies();
    const cg = t.fake.lastServed<ExchangeRatesBody>('coingecko:/api/v3/exchange_rates').rates;
    const eur = rows.get('eur');
    assert.equal(eur?.rate_source, 'coingecko');
    assert.equal(eur?.rate, cg.eur.value / cg.usd.value);
    // Frankfurter's currencies CoinGecko lacks are not invented.
    assert.equal(rows.has('isk'), false);
    t.fake.clear();
  });

  it('a refresh with Frankfurter back takes its ECB rates again', async () => {
    await t.running.app.get(CurrenciesService).refresh();
    const rows = await currencies();
    assert.equal(rows.get('eur')?.rate_source, 'frankfurter');
    assert.equal(rows.get('isk')?.rate_source, 'frankfurter');
  });

  it('serves the stored table after a restart without asking any source', async () => {
    const before = await currencies();
    await t.restart();
    t.fake.resetCounts();
    t.fake.inject('frankfurter', { type: 'status', status: 503 });
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    const after = await currencies();
    assert.deepEqual([...after.entries()], [...before.entries()]);
    assert.equal(t.fake.count('frankfurter'), 0);
    assert.equal(t.fake.count('coingecko:/api/v3/exchange_rates'), 0);
    t.fake.clear();
  });
});
