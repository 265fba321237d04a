import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  coinDetailSchema,
  coinListSchema,
  toCoinDetail,
  toDirectoryCoins,
} from './coingecko.directory';

describe('CoinGecko directory payloads', () => {
  it('reads the coin list: upper-case tickers, "" addresses and keys dropped', () => {
    const rows = coinListSchema.parse([
      { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', platforms: {} },
      { id: 'osmo', symbol: 'osmo', name: 'Osmosis', platforms: { osmosis: '', '': '' } },
      { id: 'usd-coin', symbol: 'usdc', name: 'USDC', platforms: { base: '0x8335' } },
    ]);
    assert.deepEqual(toDirectoryCoins(rows), [
      { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin', platforms: {} },
      { id: 'osmo', symbol: 'OSMO', name: 'Osmosis', platforms: {} },
      { id: 'usd-coin', symbol: 'USDC', name: 'USDC', platforms: { base: '0x8335' } },
    ]);
  });

  it('reads a coin record: per-currency figures, null for what a map lacks, padded links', () => {
    const detail = toCoinDetail(
      coinDetailSchema.parse({
        id: 'bitcoin',
        symbol: 'btc',
        name: 'Bitcoin',
        market_cap_rank: 1,
        categories: ['Cryptocurrency', null],
        platforms: { '': '' },
        genesis_date: '2009-01-03',
        last_updated: '2026-11-28T01:14:31.522Z',
        links: {
          homepage: ['http://www.bitcoin.org', '', ''],
          whitepaper: '',
          blockchain_site: ['https://mempool.space/', ''],
          chat_url: ['', ''],
          twitter_screen_name: 'bitcoin',
          repos_url: { github: ['https://github.com/bitcoin/bitcoin'], bitbucket: [] },
        },
        market_data: {
          current_price: { usd: 94213, eur: 89046 },
          ath: { usd: 126080, eur: 107662 },
          ath_change_percentage: { usd: -25.27, eur: -17.29 },
          ath_date: { usd: '2025-10-06T18:57:42.558Z', eur: '2025-10-06T18:57:42.558Z' },
          atl_date: { usd: '2013-07-06T00:00:00.000Z', eur: '2013-07-05T00:00:00.000Z' },
          price_change_percentage_1h_in_currency: { usd: 0.1 },
          max_supply: null,
          circulating_supply: 19960000,
        },
      }),
    );
    assert.deepEqual(Object.keys(detail.currencies), ['usd', 'eur']);
    assert.equal(detail.currencies.eur.price, 89046);
    assert.equal(detail.currencies.eur.athChangePct, -17.29);
    assert.equal(detail.currencies.eur.atlDate, '2013-07-05T00:00:00.000Z');
    assert.equal(detail.currencies.eur.change1h, null, 'the 1 h map has only usd');
    assert.equal(detail.currencies.usd.marketCap, null, 'no market_cap map at all');
    assert.deepEqual(detail.supply, { circulating: 19960000, total: null, max: null });
    assert.deepEqual(detail.platforms, {});
    assert.deepEqual(detail.categories, ['Cryptocurrency']);
    assert.deepEqual(detail.links, {
      homepage: ['http://www.bitcoin.org'],
      whitepaper: null,
      explorers: ['https://mempool.space/'],
      forums: [],
      chat: [],
      twitter: 'bitcoin',
      subreddit: null,
      github: ['https://github.com/bitcoin/bitcoin'],
    });
  });

  it('refuses a record without prices or with numbers as strings', () => {
    const base = { id: 'x', symbol: 'x', name: 'X' };
    assert.equal(coinDetailSchema.safeParse(base).success, false);
    const strings = { ...base, market_data: { current_price: { usd: '1.0' } } };
    assert.equal(coinDetailSchema.safeParse(strings).success, false);
  });
});
