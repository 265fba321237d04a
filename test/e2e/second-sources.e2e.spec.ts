import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { CoinDirectoryService } from '../../src/market/coins/coin-directory.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { mappedPaprikaTickers, type PaprikaTicker } from '../support/second-sources';

interface LoreTicker {
  id: string;
  rank: number;
  price_usd: string;
  percent_change_24h: string;
  market_cap_usd: string;
  volume24: number;
}
interface Attempt {
  provider: string;
  outcome: string;
  reason?: string;
}
interface Row {
  rank: number;
  symbol: string;
  name: string;
  price: number;
  change_24h: number | null;
  volume_24h: number | null;
  market_cap: number | null;
  last_updated: string;
  provider: string;
}

const PRICE_PROVIDERS = ['coingecko', 'binance', 'kraken', 'coinbase', 'coincap', 'cryptocompare'];

const paprikaRow = (t: PaprikaTicker) => ({
  rank: t.rank,
  price: t.quotes.USD.price,
  change_24h: t.quotes.USD.percent_change_24h,
  volume_24h: t.quotes.USD.volume_24h === '' ? null : t.quotes.USD.volume_24h,
  market_cap: t.quotes.USD.market_cap,
  last_updated: t.last_updated,
});
const served = (r: Row) => ({
  rank: r.rank,
  price: r.price,
  change_24h: r.change_24h,
  volume_24h: r.volume_24h,
  market_cap: r.market_cap,
  last_updated: r.last_updated,
});

describe('second sources: CoinPaprika and CoinLore when CoinGecko fails', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const paprikaTickers = () => mappedPaprikaTickers(t.fake);

  before(async () => {
    t = await startFakeBackedApp();
    // The coin listing (batcat shares Bitcoin's ticker) that foreign ids map through.
    await t.running.app.get(CoinDirectoryService).refresh();
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.running.app.get(CacheService).invalidate('market:');
    t.running.app.get(CacheService).invalidate('trending');
    t.running.app.get(CacheService).invalidate('prices:');
  });

  it('serves the overview from CoinPaprika with every number it sent, saying why CoinGecko was skipped', async () => {
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    const res = await api().get('/api/market').expect(200);
    const global = t.fake.lastServed<Record<string, number>>('coinpaprika:/v1/global');
    const d = res.body.data;
    assert.equal(res.body.meta.provider, 'coinpaprika');
    const gecko = res.body.meta.attempted.find((a: Attempt) => a.provider === 'coingecko');
    assert.equal(gecko.outcome, 'upstream_5xx');
    assert.match(gecko.reason, /503/);
    assert.deepEqual(
      [
        d.total_market_cap_usd,
        d.total_volume_24h_usd,
        d.btc_dominance,
        d.eth_dominance,
        d.market_cap_change_24h_pct,
        d.active_cryptocurrencies,
      ],
      [
        global.market_cap_usd,
        global.volume_24h_usd,
        global.bitcoin_dominance_percentage,
        null,
        global.market_cap_change_24h,
        global.cryptocurrencies_number,
      ],
    );
    const expected = paprikaTickers().slice(0, 10);
    assert.deepEqual(d.top.map(served), expected.map(paprikaRow));
    assert.ok(d.top.every((r: Row) => r.provider === 'coinpaprika'));
    assert.equal(d.btc_price, expected[0].quotes.USD.price);
  });

  it("maps ids by ticker AND name: the coin sharing Bitcoin's ticker keeps its own numbers; unmapped coins are left out", async () => {
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    const res = await api().get('/api/coins/top?limit=50').expect(200);
    assert.equal(res.body.meta.provider, 'coinpaprika');
    const expected = paprikaTickers();
    assert.deepEqual(res.body.data.map(served), expected.map(paprikaRow));
    const btc = res.body.data.filter((r: Row) => r.symbol === 'BTC');
    assert.deepEqual(
      btc.map((r: Row) => r.name),
      ['bitcoin', 'batcat'],
    );
    const batcat = expected.find((r) => r.id === 'btc-batcat');
    assert.equal(btc[1].price, batcat?.quotes.USD.price);
    assert.ok(btc[0].price > 50_000 && btc[1].price < 1);
    // XRP and BNB are named differently in the listing, ZZZ is not listed, OLD is inactive.
    const symbols = res.body.data.map((r: Row) => r.symbol);
    for (const absent of ['XRP', 'BNB', 'ZZZ', 'OLD']) {
      assert.ok(!symbols.includes(absent), absent);
    }
  });

  it('serves the overview from CoinLore, strings parsed, when CoinPaprika fails too', async () => {
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    t.fake.inject('coinpaprika', { type: 'status', status: 402, body: { error: 'plan' } });
    const res = await api().get('/api/market').expect(200);
    const [global] = t.fake.lastServed<Record<string, number | string>[]>('coinlore:/api/global/');
    const d = res.body.data;
    assert.equal(res.body.meta.provider, 'coinlore');
    const paprika = res.body.meta.attempted.find((a: Attempt) => a.provider === 'coinpaprika');
    assert.equal(paprika.outcome, 'auth');
    assert.deepEqual(
      [
        d.total_market_cap_usd,
        d.total_volume_24h_usd,
        d.btc_dominance,
        d.eth_dominance,
        d.market_cap_change_24h_pct,
        d.active_cryptocurrencies,
      ],
      [
        global.total_mcap,
        global.total_volume,
        Number(global.btc_d),
        Number(global.eth_d),
        Number(global.mcap_change),
        global.coins_count,
      ],
    );
    const { data, info } = t.fake.lastServed<{ data: LoreTicker[]; info: { time: number } }>(
      'coinlore:/api/tickers/',
    );
    const mapped = data.filter((r) => !['58', '77777'].includes(r.id)).slice(0, 10);
    assert.deepEqual(
      d.top.map(served),
      mapped.map((r) => ({
        rank: r.rank,
        price: Number(r.price_usd),
        change_24h: Number(r.percent_change_24h),
        volume_24h: r.volume24,
        market_cap: Number(r.market_cap_usd),
        last_updated: new Date(info.time * 1000).toISOString(),
      })),
    );
  });

  it('serves prices from CoinPaprika, then CoinLore, when the providers ahead fail', async () => {
    for (const provider of PRICE_PROVIDERS) {
      t.fake.inject(provider, { type: 'status', status: 500 });
    }
    const res = await api().get('/api/prices?symbols=BTC,ETH,SOL').expect(200);
    assert.equal(res.body.meta.provider, 'coinpaprika');
    const attempted = res.body.meta.attempted as Attempt[];
    assert.deepEqual(attempted.at(-1), {
      ...attempted.at(-1),
      provider: 'coinpaprika',
      outcome: 'ok',
    });
    assert.ok(
      attempted
        .slice(0, -1)
        .every((a) => PRICE_PROVIDERS.includes(a.provider) && a.outcome !== 'ok'),
    );
    const byId = new Map(
      t.fake.lastServed<PaprikaTicker[]>('coinpaprika:/v1/tickers').map((r) => [r.id, r]),
    );
    assert.deepEqual(
      res.body.data.map((r: Row) => ({ symbol: r.symbol, ...served(r) })),
      ['btc-bitcoin', 'eth-ethereum', 'sol-solana'].map((id, i) => {
        const { rank, ...rest } = paprikaRow(byId.get(id) as PaprikaTicker);
        return { symbol: ['BTC', 'ETH', 'SOL'][i], rank: undefined, ...rest };
      }),
    );

    t.running.app.get(CacheService).invalidate('prices:');
    t.fake.inject('coinpaprika', { type: 'status', status: 429, retryAfter: 30 });
    const lore = await api().get('/api/prices?symbols=BTC,ETH,SOL').expect(200);
    assert.equal(lore.body.meta.provider, 'coinlore');
    const rows = t.fake.lastServed<LoreTicker[]>('coinlore:/api/ticker/');
    assert.deepEqual(
      rows.map((r) => r.id),
      ['90', '80', '48543'],
    );
    assert.deepEqual(
      lore.body.data.map((r: Row) => [r.symbol, r.price, r.change_24h, r.volume_24h, r.market_cap]),
      rows.map((r, i) => [
        ['BTC', 'ETH', 'SOL'][i],
        Number(r.price_usd),
        Number(r.percent_change_24h),
        r.volume24,
        Number(r.market_cap_usd),
      ]),
    );
    // /ticker/ gives no time: the answer says the time is when it was received.
    assert.ok(
      lore.body.data.every(
        (r: { last_updated_source: string }) => r.last_updated_source === 'received',
      ),
    );
  });

  it('serves stored rows marked stale when every market source fails', async () => {
    for (const provider of ['coingecko', 'coinpaprika', 'coinlore']) {
      t.fake.inject(provider, { type: 'status', status: 503 });
    }
    const res = await api().get('/api/coins/top?limit=50').expect(200);
    assert.deepEqual([res.body.meta.provider, res.body.meta.stale], ['database', true]);
    assert.deepEqual(res.body.meta.attempted.map((a: Attempt) => a.provider).sort(), [
      'coingecko',
      'coinlore',
      'coinpaprika',
    ]);
    assert.ok(res.body.data.length > 0);
  });
});
