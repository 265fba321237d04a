import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { CacheService } from '../../src/core/cache';
import { CoinDirectoryService } from '../../src/market/coins/coin-directory.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

type NumberMap = Record<string, number | null>;
interface UpstreamDetail {
  id: string;
  symbol: string;
  name: string;
  market_cap_rank: number | null;
  categories: string[];
  platforms: Record<string, string>;
  genesis_date: string | null;
  last_updated: string;
  links: {
    homepage: string[];
    whitepaper: string;
    blockchain_site: string[];
    official_forum_url: string[];
    chat_url: string[];
    twitter_screen_name: string;
    subreddit_url: string | null;
    repos_url: { github: string[] };
  };
  market_data: Record<string, NumberMap> & {
    ath_date: Record<string, string>;
    atl_date: Record<string, string>;
    circulating_supply: number;
    total_supply: number;
    max_supply: number | null;
  };
}

const DETAIL = 'coingecko:/api/v3/coins/:id';
const filled = (list: string[]) => list.filter(Boolean);

/** The quote the API must serve for one currency, straight from CoinGecko's maps. */
function quoteOf(md: UpstreamDetail['market_data'], code: string) {
  return {
    currency: code,
    price: md.current_price[code],
    market_cap: md.market_cap[code],
    fully_diluted_valuation: md.fully_diluted_valuation[code],
    volume_24h: md.total_volume[code],
    high_24h: md.high_24h[code],
    low_24h: md.low_24h[code],
    change_1h_pct: md.price_change_percentage_1h_in_currency[code],
    change_24h_pct: md.price_change_percentage_24h_in_currency[code],
    change_7d_pct: md.price_change_percentage_7d_in_currency[code],
    change_30d_pct: md.price_change_percentage_30d_in_currency[code],
    ath: md.ath[code],
    ath_change_pct: md.ath_change_percentage[code],
    ath_date: md.ath_date[code],
    atl: md.atl[code],
    atl_change_pct: md.atl_change_percentage[code],
    atl_date: md.atl_date[code],
  };
}

describe('GET /api/coins/:id: one coin in detail', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp({ CACHE_TTL_COIN_DETAIL: '600' });
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
  });

  it('answers 404 in the error shape when CoinGecko does not know the id', async () => {
    const res = await api().get('/api/coins/no-such-coin').expect(404);
    assert.match(res.body.message, /coin "no-such-coin" not found/);
    assert.equal(res.body.attempted[0].provider, 'coingecko');
    assert.equal(res.body.attempted[0].outcome, 'not_found');
  });

  it('serves every field CoinGecko sent, per requested currency, any case', async () => {
    const res = await api().get('/api/coins/bitcoin?vs=usd,EUR,btc').expect(200);
    const up = t.fake.lastServed<UpstreamDetail>(DETAIL);
    const md = up.market_data;
    assert.deepEqual(res.body.data, {
      id: 'bitcoin',
      symbol: 'BTC',
      name: up.name,
      market_cap_rank: up.market_cap_rank,
      quotes: ['usd', 'eur', 'btc'].map((code) => quoteOf(md, code)),
      supply: { circulating: md.circulating_supply, total: md.total_supply, max: md.max_supply },
      categories: up.categories,
      links: {
        homepage: filled(up.links.homepage),
        whitepaper: up.links.whitepaper,
        explorers: filled(up.links.blockchain_site),
        forums: [],
        chat: filled(up.links.chat_url),
        twitter: up.links.twitter_screen_name,
        subreddit: up.links.subreddit_url,
        github: up.links.repos_url.github,
      },
      // CoinGecko's {"": ""} for a native coin means no contract.
      platforms: {},
      genesis_date: up.genesis_date,
      last_updated: up.last_updated,
    });
    const [usd, eur] = res.body.data.quotes;
    assert.notEqual(usd.atl_date, eur.atl_date, 'ATL dates differ per currency');
    assert.ok(usd.ath_change_pct < 0);
    assert.equal(res.body.meta.provider, 'coingecko');
    assert.deepEqual(res.body.meta.currencies, Object.keys(md.current_price).sort());
  });

  it('gives USD alone by default, null max supply for an uncapped coin, contracts per chain', async () => {
    const eth = await api().get('/api/coins/ethereum').expect(200);
    const up = t.fake.lastServed<UpstreamDetail>(DETAIL);
    assert.deepEqual(eth.body.data.quotes, [quoteOf(up.market_data, 'usd')]);
    assert.equal(eth.body.data.supply.max, null);
    const usdc = await api().get('/api/coins/usd-coin').expect(200);
    assert.deepEqual(usdc.body.data.platforms, t.fake.lastServed<UpstreamDetail>(DETAIL).platforms);
  });

  it('caches the record for CACHE_TTL_COIN_DETAIL, whatever currencies are asked', async () => {
    t.fake.resetCounts();
    const first = await api().get('/api/coins/bitcoin?vs=gbp').expect(200);
    assert.equal(first.body.meta.cached, true);
    assert.equal(t.fake.count(DETAIL), 0);
  });

  it('refuses a currency the record lacks, naming those it has, and malformed ids', async () => {
    const vs = await api().get('/api/coins/bitcoin?vs=usd,xyz').expect(400);
    assert.match(
      vs.body.message,
      /vs: xyz not among the currencies bitcoin is priced in: btc, eth, eur, gbp, jpy, usd/,
    );
    const id = await api().get('/api/coins/bad$id').expect(400);
    assert.match(id.body.message, /id must be a CoinGecko id/);
    await api()
      .get(`/api/coins/${'a'.repeat(201)}`)
      .expect(400);
    await api().get('/api/coins/bitcoin?vs=e').expect(400);
  });

  it('resolves a ticker; once the directory is stored, answers unknown ids without upstream', async () => {
    await t.running.app.get(CoinDirectoryService).refresh();
    const btc = await api().get('/api/coins/BTC').expect(200);
    assert.equal(btc.body.data.id, 'bitcoin');
    t.fake.resetCounts();
    const res = await api().get('/api/coins/still-no-such-coin').expect(404);
    assert.match(res.body.message, /Unknown coin "still-no-such-coin"/);
    assert.equal(t.fake.count(DETAIL), 0);
  });

  it('serves the stored record, stale, when CoinGecko and CoinPaprika fail; 503 for a coin never fetched', async () => {
    const fresh = await api().get('/api/coins/solana?vs=usd,jpy').expect(200);
    t.running.app.get(CacheService).invalidate('coins:detail:');
    t.fake.inject('coingecko', { type: 'status', status: 500 });
    t.fake.inject('coinpaprika', { type: 'status', status: 500 });
    const stale = await api().get('/api/coins/solana?vs=usd,jpy').expect(200);
    assert.deepEqual(stale.body.data, fresh.body.data);
    assert.equal(stale.body.meta.stale, true);
    assert.equal(stale.body.meta.provider, 'database');
    assert.equal(stale.body.meta.origin, 'coingecko');
    assert.equal(stale.body.meta.asOf.slice(0, 15), fresh.body.meta.asOf.slice(0, 15));
    assert.equal(stale.body.meta.attempted[0].outcome, 'upstream_5xx');
    const never = await api().get('/api/coins/dogecoin').expect(503);
    assert.equal(never.body.attempted[0].provider, 'coingecko');
  });

  it('keeps serving the stored record after a restart while CoinGecko is down', async () => {
    await t.restart();
    t.fake.inject('coingecko', { type: 'status', status: 429, retryAfter: 30 });
    t.fake.inject('coinpaprika', { type: 'status', status: 500 });
    const res = await api().get('/api/coins/solana').expect(200);
    assert.equal(res.body.meta.stale, true);
    assert.equal(res.body.meta.attempted[0].outcome, 'rate_limited');
  });
});
