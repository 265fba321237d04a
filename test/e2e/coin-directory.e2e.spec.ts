import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CoinDirectoryService } from '../../src/market/coins/coin-directory.service';
import { CoinListingRecord } from '../../src/market/entities/coin-listing.entity';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface Listing {
  id: string;
  symbol: string;
  market_cap: number;
}

describe('symbol resolution from the stored CoinGecko market list', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it('knows only the configured coins before the first refresh', async () => {
    const res = await api().get('/api/prices?symbols=BTC,WBTC').expect(200);
    assert.deepEqual(
      res.body.data.map((p: { symbol: string }) => p.symbol),
      ['BTC'],
    );
    assert.deepEqual(res.body.meta.unknown, ['WBTC']);
  });

  it('stores the list fetched page by page and resolves new tickers and ids from it', async () => {
    const upstream = (await (
      await fetch(
        `${t.fake.baseUrl}/coingecko/api/v3/coins/markets?vs_currency=usd&per_page=250&page=1`,
      )
    ).json()) as Listing[];
    const count = await t.running.app.get(CoinDirectoryService).refresh();
    assert.equal(count, upstream.length);
    const stored = await t.running.app
      .get(DataSource)
      .getRepository(CoinListingRecord)
      .find({ order: { marketCapRank: 'ASC' } });
    assert.deepEqual(
      stored.map((r) => [r.id, r.symbol, r.marketCap]),
      upstream.map((l) => [l.id, l.symbol.toUpperCase(), l.market_cap]),
    );

    const res = await api().get('/api/prices?symbols=WBTC,wrapped-bitcoin,btc').expect(200);
    assert.deepEqual(
      res.body.data.map((p: { symbol: string; provider: string }) => [p.symbol, p.provider]),
      [
        ['WBTC', 'coingecko'],
        ['BTC', 'coingecko'],
      ],
    );
    assert.deepEqual(res.body.meta.unknown, []);
  });

  it('gives a shared ticker to the larger coin; the smaller one is asked for by id', async () => {
    const markets = (await (
      await fetch(`${t.fake.baseUrl}/coingecko/api/v3/simple/price?ids=bitcoin,batcat`)
    ).json()) as Record<string, { usd: number }>;
    const btc = await api().get('/api/prices/BTC').expect(200);
    assert.ok(Math.abs(btc.body.data.price / markets.bitcoin.usd - 1) < 0.001);
    const batcat = await api().get('/api/prices/batcat').expect(200);
    assert.equal(batcat.body.data.symbol, 'batcat');
    assert.ok(Math.abs(batcat.body.data.price / markets.batcat.usd - 1) < 0.001);
  });

  it('rejects characters outside [A-Za-z0-9-] with a 400 naming what is allowed', async () => {
    const list = await api().get('/api/prices?symbols=BTC,E$H').expect(400);
    assert.match(list.body.message, /each symbol must be a ticker or CoinGecko id/);
    const one = await api().get('/api/prices/B%20TC').expect(400);
    assert.match(one.body.message, /letters, digits or "-"/);
    await api().get('/api/prices/history/B$C?days=1').expect(400);
  });

  it('keeps the list across a restart', async () => {
    await t.restart();
    const res = await api().get('/api/prices?symbols=WBTC').expect(200);
    assert.equal(res.body.data[0]?.symbol, 'WBTC');
  });
});
