import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

type Nullable = number | null;
interface PaprikaQuote {
  price: number;
  volume_24h: number;
  market_cap: number;
  percent_change_1h: number;
  percent_change_24h: number;
  percent_change_7d: number;
  percent_change_30d: number;
  ath_price: Nullable;
  ath_date: string | null;
  percent_from_price_ath: Nullable;
}
interface PaprikaTicker {
  id: string;
  name: string;
  symbol: string;
  rank: number;
  total_supply: number;
  max_supply: number;
  last_updated: string;
  quotes: Record<string, PaprikaQuote>;
}

const CG_DETAIL = 'coingecko:/api/v3/coins/:id';
const TICKER = 'coinpaprika:/v1/tickers/:id';
const SEARCH = 'coinpaprika:/v1/search';

/** What the API must serve for one currency from CoinPaprika's quote; the rest it lacks. */
function quoteOf(q: PaprikaQuote, code: string) {
  return {
    currency: code,
    price: q.price,
    market_cap: q.market_cap,
    fully_diluted_valuation: null,
    volume_24h: q.volume_24h,
    high_24h: null,
    low_24h: null,
    change_1h_pct: q.percent_change_1h,
    change_24h_pct: q.percent_change_24h,
    change_7d_pct: q.percent_change_7d,
    change_30d_pct: q.percent_change_30d,
    ath: q.ath_price,
    ath_change_pct: q.percent_from_price_ath,
    ath_date: q.ath_date,
    atl: null,
    atl_change_pct: null,
    atl_date: null,
  };
}

describe('GET /api/coins/:id with CoinGecko failing: CoinPaprika answers', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const forget = () => t.running.app.get(CacheService).invalidate('coins:detail:');

  before(async () => {
    t = await startFakeBackedApp({ CACHE_TTL_COIN_DETAIL: '600' });
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.fake.resetCounts();
    forget();
  });

  it('serves every field CoinPaprika sent, nulls for what it lacks, naming CoinGecko’s failure', async () => {
    t.fake.inject(CG_DETAIL, { type: 'status', status: 500 });
    const res = await api().get('/api/coins/bitcoin?vs=usd,EUR,btc').expect(200);
    const up = t.fake.lastServed<PaprikaTicker>(TICKER);
    // Ticker AND name: "Bitcoin" also finds Wrapped Bitcoin, and Batcat shares the ticker.
    assert.equal(up.id, 'btc-bitcoin');
    assert.deepEqual(res.body.data, {
      id: 'bitcoin',
      symbol: up.symbol,
      name: up.name,
      market_cap_rank: up.rank,
      quotes: [
        quoteOf(up.quotes.USD, 'usd'),
        quoteOf(up.quotes.EUR, 'eur'),
        quoteOf(up.quotes.BTC, 'btc'),
      ],
      supply: { circulating: null, total: up.total_supply, max: up.max_supply },
      categories: null,
      links: null,
      platforms: null,
      genesis_date: null,
      last_updated: up.last_updated,
    });
    // Bitcoin's quote in bitcoin carries no ATH, as CoinPaprika sends it.
    assert.equal(res.body.data.quotes[2].ath, null);
    assert.ok(res.body.data.quotes[0].ath_change_pct < 0);
    assert.equal(res.body.meta.provider, 'coinpaprika');
    assert.equal(res.body.meta.origin, 'coinpaprika');
    assert.deepEqual(res.body.meta.currencies, ['btc', 'eur', 'usd']);
    const [gecko, paprika] = res.body.meta.attempted;
    assert.deepEqual([gecko.provider, gecko.outcome], ['coingecko', 'upstream_5xx']);
    assert.deepEqual([paprika.provider, paprika.outcome], ['coinpaprika', 'ok']);
  });

  it('treats 0 max supply as uncapped, asks the search once per coin, lists its currencies on a 400', async () => {
    t.fake.inject(CG_DETAIL, { type: 'status', status: 503 });
    const eth = await api().get('/api/coins/ethereum').expect(200);
    assert.equal(t.fake.lastServed<PaprikaTicker>(TICKER).max_supply, 0);
    assert.equal(eth.body.data.supply.max, null);
    forget();
    t.fake.resetCounts();
    await api().get('/api/coins/ethereum').expect(200);
    assert.equal(t.fake.count(SEARCH), 0);
    assert.equal(t.fake.count(TICKER), 1);
    const gbp = await api().get('/api/coins/ethereum?vs=gbp').expect(400);
    assert.match(
      gbp.body.message,
      /vs: gbp not among the currencies ethereum is priced in: btc, eur, usd \(record from coinpaprika\)/,
    );
  });

  it('skips a coin CoinPaprika does not map, saying why, and answers 503 naming both', async () => {
    t.fake.inject(CG_DETAIL, { type: 'status', status: 500 });
    const res = await api().get('/api/coins/usd-coin').expect(503);
    const paprika = res.body.attempted.find(
      (a: { provider: string }) => a.provider === 'coinpaprika',
    );
    assert.equal(paprika.outcome, 'not_found');
    assert.match(paprika.reason, /"usd-coin" not mapped to a CoinPaprika coin/);
    assert.equal(t.fake.count(TICKER), 0);
  });

  it('stores the record labelled with CoinPaprika; with both failing, serves it stale saying so', async () => {
    t.fake.inject(CG_DETAIL, { type: 'status', status: 500 });
    const fresh = await api().get('/api/coins/solana?vs=eur').expect(200);
    assert.equal(fresh.body.meta.provider, 'coinpaprika');
    forget();
    t.fake.inject(TICKER, { type: 'status', status: 429, retryAfter: 30 });
    const stale = await api().get('/api/coins/solana?vs=eur').expect(200);
    assert.deepEqual(stale.body.data, fresh.body.data);
    assert.equal(stale.body.meta.provider, 'database');
    assert.equal(stale.body.meta.stale, true);
    assert.equal(stale.body.meta.origin, 'coinpaprika');
    // In health order: CoinGecko's failures may have put CoinPaprika first.
    const tried = stale.body.meta.attempted.map((a: { provider: string }) => a.provider);
    assert.deepEqual(tried.sort(), ['coingecko', 'coinpaprika']);
  });

  it('gives way to CoinGecko when it answers again', async () => {
    const res = await api().get('/api/coins/solana').expect(200);
    assert.equal(res.body.meta.provider, 'coingecko');
    assert.equal(res.body.meta.origin, 'coingecko');
    assert.deepEqual(
      res.body.data.categories,
      t.fake.lastServed<{ categories: string[] }>(CG_DETAIL).categories,
    );
  });
});
