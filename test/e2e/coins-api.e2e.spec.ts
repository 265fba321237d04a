import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { CoinDirectoryService } from '../../src/market/coins/coin-directory.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface ListedCoin {
  id: string;
  symbol: string;
  name: string;
  platforms: Record<string, string>;
}
interface MarketRow {
  id: string;
  symbol: string;
  name: string;
  market_cap_rank: number;
}
interface ServedCoin {
  id: string;
  symbol: string;
  name: string;
  market_cap_rank: number | null;
  platforms: Record<string, string> | null;
}

const LIST = 'coingecko:/api/v3/coins/list';
const MARKETS = 'coingecko:/api/v3/coins/markets';

describe('GET /api/coins and /api/search: the coin directory', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  /** The directory as the fake's lists make it: full list, market list, configured coins. */
  let expected: ServedCoin[];

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it('lists the configured coins (platforms unknown) before any list is fetched', async () => {
    const res = await api().get('/api/coins?per_page=250').expect(200);
    const configured = t.running.config.catalogue.coins;
    assert.equal(res.body.meta.total, configured.length);
    assert.equal(res.body.meta.updated_at, null);
    assert.ok(res.body.data.every((c: ServedCoin) => c.platforms === null));
  });

  it('fetches the full list with the market list and joins them: ranks, then names', async () => {
    await t.running.app.get(CoinDirectoryService).refresh();
    const listed = t.fake.lastServed<ListedCoin[]>(LIST);
    const markets = t.fake.lastServed<MarketRow[]>(MARKETS);
    const rank = new Map(markets.map((m) => [m.id, m.market_cap_rank]));
    const byId = new Map<string, ServedCoin>();
    for (const c of listed) {
      const platforms = Object.fromEntries(Object.entries(c.platforms).filter(([, a]) => a));
      const market_cap_rank = rank.get(c.id) ?? null;
      byId.set(c.id, { ...c, symbol: c.symbol.toUpperCase(), market_cap_rank, platforms });
    }
    for (const m of markets) {
      if (!byId.has(m.id)) {
        byId.set(m.id, { ...m, symbol: m.symbol.toUpperCase(), platforms: null });
      }
    }
    for (const c of t.running.config.catalogue.coins) {
      if (!byId.has(c.coingeckoId)) {
        const { coingeckoId: id, symbol, name } = c;
        byId.set(id, { id, symbol, name, market_cap_rank: null, platforms: null });
      }
    }
    const big = Number.MAX_SAFE_INTEGER;
    expected = [...byId.values()].sort(
      (a, b) =>
        (a.market_cap_rank ?? big) - (b.market_cap_rank ?? big) ||
        a.name.localeCompare(b.name, 'en') ||
        (a.id < b.id ? -1 : 1),
    );

    const pages: ServedCoin[] = [];
    for (let page = 1; page <= Math.ceil(expected.length / 7); page += 1) {
      const res = await api().get(`/api/coins?page=${page}&per_page=7`).expect(200);
      assert.equal(res.body.meta.page, page);
      assert.equal(res.body.meta.per_page, 7);
      assert.equal(res.body.meta.total, expected.length);
      assert.equal(res.body.meta.pages, Math.ceil(expected.length / 7));
      assert.equal(res.body.meta.count, res.body.data.length);
      assert.ok(res.body.meta.updated_at);
      assert.equal(res.body.meta.provider, 'database');
      assert.equal(res.body.meta.stale, false);
      assert.equal(res.body.meta.asOf, res.body.meta.updated_at);
      pages.push(...res.body.data);
    }
    assert.deepEqual(pages, expected);
    // The traps: "" addresses dropped, native coins {}, a shared ticker on both coins.
    const wormhole = pages.find((c) => c.id === 'ethereum-wormhole');
    assert.deepEqual(Object.keys(wormhole?.platforms ?? {}), ['solana']);
    assert.deepEqual(pages.find((c) => c.id === 'bitcoin')?.platforms, {});
    assert.equal(pages.find((c) => c.id === 'batcat')?.symbol, 'BTC');
    const past = await api().get('/api/coins?page=1000&per_page=250').expect(200);
    assert.deepEqual(past.body.data, []);
  });

  it('answers the directory as CSV, parsed back to the same coins', async () => {
    const res = await api().get('/api/coins?per_page=250&format=csv').expect(200);
    assert.match(res.headers['content-type'], /text\/csv/);
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    assert.deepEqual(
      rows.map((r) => ({
        id: r.id,
        symbol: r.symbol,
        name: r.name,
        market_cap_rank: r.market_cap_rank === '' ? null : Number(r.market_cap_rank),
        platforms: r.platforms === '' ? null : JSON.parse(r.platforms),
      })),
      expected,
    );
  });

  it('searches by ticker: the largest coin first when tickers collide', async () => {
    const btc = await api().get('/api/search?q=btc').expect(200);
    const ids = btc.body.data.map((c: ServedCoin) => c.id);
    // Exact ticker: Bitcoin (rank 1) before batcat (the small coin calling itself BTC); then
    // Wrapped Bitcoin, where "btc" is only part of the ticker.
    assert.deepEqual(ids.slice(0, 3), ['bitcoin', 'batcat', 'wrapped-bitcoin']);
    assert.deepEqual(
      btc.body.data[0],
      expected.find((c) => c.id === 'bitcoin'),
    );
    assert.equal(btc.body.meta.query, 'btc');
    assert.equal(btc.body.meta.count, btc.body.data.length);

    const sol = await api().get('/api/search?q=SOL').expect(200);
    assert.deepEqual(
      sol.body.data.map((c: ServedCoin) => c.id),
      ['solana', 'wrapped-solana', 'solanium', 'solv-protocol'],
    );
  });

  it('searches names and ids by prefix and substring, within limit', async () => {
    const wormhole = await api().get('/api/search?q=wormhole').expect(200);
    assert.deepEqual(
      wormhole.body.data.map((c: ServedCoin) => c.id),
      ['ethereum-wormhole'],
    );
    const eth = await api().get('/api/search?q=eth&limit=2').expect(200);
    assert.deepEqual(
      eth.body.data.map((c: ServedCoin) => c.id),
      ['ethereum', 'ethereum-wormhole'],
    );
    // "ether" is inside "Tether": found after the names that start with it.
    const ether = await api().get('/api/search?q=ether').expect(200);
    assert.deepEqual(
      ether.body.data.map((c: ServedCoin) => c.id),
      ['ethereum', 'ethereum-wormhole', 'tether'],
    );
    const none = await api().get('/api/search?q=zzzz-nothing').expect(200);
    assert.deepEqual(none.body.data, []);
  });

  it('answers search as CSV', async () => {
    const res = await api().get('/api/search?q=sol&format=csv').expect(200);
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    assert.deepEqual(
      rows.map((r) => r.id),
      ['solana', 'wrapped-solana', 'solanium', 'solv-protocol'],
    );
    assert.deepEqual(JSON.parse(rows[1].platforms), {
      ethereum: '0xd31a59c85ae9d8edefec411d448f90841571b89c',
    });
  });

  it('refuses a missing, empty or long query and bad paging with a 400 naming the rule', async () => {
    for (const path of ['/api/search', '/api/search?q=', `/api/search?q=${'a'.repeat(101)}`]) {
      const res = await api().get(path).expect(400);
      assert.match(res.body.message, /q must be 1-100 characters/);
    }
    const limit = await api().get('/api/search?q=btc&limit=101').expect(400);
    assert.match(limit.body.message, /limit must be an integer from 1 to 100/);
    const perPage = await api().get('/api/coins?per_page=251').expect(400);
    assert.match(perPage.body.message, /per_page must be an integer from 1 to 250/);
    await api().get('/api/coins?page=0').expect(400);
  });

  it('searches without calling upstream', async () => {
    t.fake.resetCounts();
    await api().get('/api/search?q=bit').expect(200);
    await api().get('/api/coins?page=2').expect(200);
    assert.equal(t.fake.count('coingecko'), 0);
  });

  it('keeps the stored directory across a restart', async () => {
    await t.restart();
    const res = await api().get('/api/coins?per_page=250').expect(200);
    assert.deepEqual(res.body.data, expected);
  });
});
