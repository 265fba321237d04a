import { changeOf, marketCapOf, priceOf, volumeOf } from './market-data';
import { type Handler, ok, type RouteSettings } from './route.types';

/**
 * CoinGecko's directory routes, merged into the coingecko host: `/coins/list` (every coin, with
 * its contracts per chain) and `/coins/{id}` (one coin's record, every currency in maps). Shapes
 * and traps follow NOTES-2.md §1: lower-case symbols, tickers shared between coins, "" contract
 * addresses, `{"": ""}` platforms for native coins, link lists padded with "", no scalar 1 h
 * change, ATH/ATL dates differing per currency, `max_supply` null when uncapped, and the 404
 * `{"error":"coin not found"}` for an unknown id.
 */

interface FakeCoin {
  id: string;
  symbol: string;
  name: string;
  /** The market-data key its prices move with. */
  key: string;
  platforms: Record<string, string>;
}

const coin = (id: string, symbol: string, name: string, key: string, platforms = {}) => ({
  id,
  symbol,
  name,
  key,
  platforms,
});

/** The market list's coins (ranked) and a few more that share their tickers or names. */
export const DIRECTORY_COINS: readonly FakeCoin[] = [
  coin('bitcoin', 'btc', 'Bitcoin', 'BTC'),
  coin('ethereum', 'eth', 'Ethereum', 'ETH'),
  coin('tether', 'usdt', 'Tether', 'USDT', {
    ethereum: '0xdac17f958d2ee523a2206206994597c13d831ec7',
    tron: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
  }),
  coin('ripple', 'xrp', 'XRP', 'XRP'),
  coin('binancecoin', 'bnb', 'BNB', 'BNB'),
  coin('solana', 'sol', 'Solana', 'SOL'),
  coin('usd-coin', 'usdc', 'USDC', 'USDC', {
    ethereum: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
    solana: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
  }),
  coin('dogecoin', 'doge', 'Dogecoin', 'DOGE'),
  coin('cardano', 'ada', 'Cardano', 'ADA'),
  coin('chainlink', 'link', 'Chainlink', 'LINK', {
    ethereum: '0x514910771af9ca656af840dff83e8264ecf986ca',
  }),
  coin('litecoin', 'ltc', 'Litecoin', 'LTC'),
  coin('polkadot', 'dot', 'Polkadot', 'DOT'),
  coin('wrapped-bitcoin', 'wbtc', 'Wrapped Bitcoin', 'WBTC', {
    ethereum: '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599',
  }),
  coin('batcat', 'btc', 'batcat', 'BATCAT', {
    solana: 'EtBc6gkCvsB9c6f5wSbwG8wPjRqXMB5euptK6bqG1R4X',
  }),
  coin('ethereum-wormhole', 'eth', 'Ethereum (Wormhole)', 'ETH', {
    solana: '7vfCXTUXx5WJV5JADk17DUJ4ksgau7utNKj4b963voxs',
    terra: '',
  }),
  coin('wrapped-solana', 'sol', 'Wrapped SOL', 'SOL', {
    ethereum: '0xd31a59c85ae9d8edefec411d448f90841571b89c',
  }),
  coin('solanium', 'slim', 'Solanium', 'SLIM', {
    solana: 'xxxxa1sKNGwFtw2kFn8XauW9xq8hBZ5kVtcSesTT9fW',
  }),
  coin('solv-protocol', 'solv', 'Solv Protocol', 'SOLV', { osmosis: '' }),
];
const BY_ID = new Map(DIRECTORY_COINS.map((c) => [c.id, c]));

/** Coins the bench adds to the list (RouteSettings.directorySize), with contracts on one chain. */
function benchCoins(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `bench-coin-${i + 1}`,
    symbol: `bc${i + 1}`,
    name: `Bench Coin ${i + 1}`,
    platforms: i % 2 === 0 ? { ethereum: `0x${(i + 1).toString(16).padStart(40, '0')}` } : {},
  }));
}

const CG_ERROR = { error: 'coin not found' };

const coinsList: Handler = (_q, _params, settings: RouteSettings) =>
  ok(
    [
      ...DIRECTORY_COINS.map(({ id, symbol, name, platforms }) => ({
        id,
        symbol,
        name,
        platforms,
      })),
      ...benchCoins(settings.directorySize ?? 0),
    ],
    [],
    CG_ERROR,
  );

/** Units per US dollar: fiat at fixed rates, crypto units at the moving BTC and ETH prices. */
function perUsd(): Record<string, number> {
  return {
    usd: 1,
    eur: 0.9452,
    gbp: 0.7896,
    jpy: 153.8,
    btc: 1 / priceOf('BTC'),
    eth: 1 / priceOf('ETH'),
  };
}
const ATH_DATES: Record<string, string> = {
  usd: '2025-10-06T18:57:42.558Z',
  eur: '2025-10-06T18:57:42.558Z',
  gbp: '2025-10-06T18:57:42.558Z',
  jpy: '2025-10-06T18:57:42.558Z',
  btc: '2019-10-15T16:00:56.136Z',
  eth: '2015-10-20T00:00:00.000Z',
};
const ATL_DATES: Record<string, string> = {
  usd: '2013-07-06T00:00:00.000Z',
  eur: '2013-07-05T00:00:00.000Z',
  gbp: '2013-07-05T00:00:00.000Z',
  jpy: '2013-07-05T00:00:00.000Z',
  btc: '2019-10-21T00:00:00.000Z',
  eth: '2017-06-12T00:00:00.000Z',
};

const pct = (now: number, then: number) => ((now - then) / then) * 100;

/** Every per-currency map of `market_data`, from the USD figures times each rate. */
function marketData(c: FakeCoin, now: number) {
  const rates = perUsd();
  const usd = priceOf(c.key, now);
  const ath = priceOf(c.key, 0) * 1.34;
  const atl = priceOf(c.key, 0) * 0.0007;
  const circulating = marketCapOf(c.key) / usd;
  const uncapped = c.key === 'ETH';
  const max = uncapped ? null : Math.round(circulating * 1.1);
  const each = (usdValue: number) =>
    Object.fromEntries(Object.entries(rates).map(([code, rate]) => [code, usdValue * rate]));
  const same = (value: number) =>
    Object.fromEntries(Object.keys(rates).map((code) => [code, value]));
  return {
    current_price: each(usd),
    total_value_locked: null,
    roi: null,
    ath: each(ath),
    ath_change_percentage: same(pct(usd, ath)),
    ath_date: ATH_DATES,
    atl: each(atl),
    atl_change_percentage: same(pct(usd, atl)),
    atl_date: ATL_DATES,
    market_cap: each(marketCapOf(c.key)),
    market_cap_rank: null,
    fully_diluted_valuation: each(usd * (max ?? circulating * 1.02)),
    total_volume: each(volumeOf(c.key)),
    high_24h: each(usd * 1.012),
    low_24h: each(usd * 0.987),
    price_change_24h: usd * (changeOf(c.key, now) / 100),
    price_change_percentage_24h: changeOf(c.key, now),
    price_change_percentage_7d: pct(usd, priceOf(c.key, now - 7 * 86_400_000)),
    price_change_percentage_1h_in_currency: same(pct(usd, priceOf(c.key, now - 3_600_000))),
    price_change_percentage_24h_in_currency: same(changeOf(c.key, now)),
    price_change_percentage_7d_in_currency: same(pct(usd, priceOf(c.key, now - 7 * 86_400_000))),
    price_change_percentage_30d_in_currency: same(pct(usd, priceOf(c.key, now - 30 * 86_400_000))),
    total_supply: Math.round(circulating * 1.02),
    max_supply: max,
    max_supply_infinite: uncapped,
    circulating_supply: circulating,
    outstanding_supply: null,
    last_updated: new Date(now - 42_000).toISOString(),
  };
}

const coinDetail: Handler = (_q, [id]) => {
  const c = BY_ID.get(id);
  if (!c) {
    return ok(CG_ERROR, {}, CG_ERROR, { status: 404 });
  }
  const now = Date.now();
  const native = Object.keys(c.platforms).length === 0;
  return ok(
    {
      id: c.id,
      symbol: c.symbol,
      name: c.name,
      web_slug: c.id,
      asset_platform_id: native ? null : Object.keys(c.platforms)[0],
      platforms: native ? { '': '' } : c.platforms,
      categories: native ? ['Cryptocurrency', 'Layer 1 (L1)'] : ['Cryptocurrency', 'Tokens'],
      description: { en: `${c.name} in the fake upstream.` },
      links: {
        homepage: [`https://${c.id}.example`, '', ''],
        whitepaper: native ? `https://${c.id}.example/whitepaper.pdf` : '',
        blockchain_site: [`https://explorer.example/${c.id}`, '', ''],
        official_forum_url: ['', ''],
        chat_url: [`https://chat.example/${c.id}`, ''],
        twitter_screen_name: c.id,
        subreddit_url: native ? `https://www.reddit.com/r/${c.id}/` : null,
        repos_url: { github: [`https://github.com/${c.id}/${c.id}`], bitbucket: [] },
      },
      genesis_date: native ? '2009-01-03' : null,
      market_cap_rank: DIRECTORY_COINS.indexOf(c) < 14 ? DIRECTORY_COINS.indexOf(c) + 1 : null,
      market_data: marketData(c, now),
      status_updates: [],
      last_updated: new Date(now - 42_000).toISOString(),
    },
    {},
    CG_ERROR,
  );
};

/** `/coins/list` before `/coins/:id`: the fake matches routes in order. */
export const COINGECKO_DIRECTORY: Record<string, Handler> = {
  '/api/v3/coins/list': coinsList,
  '/api/v3/coins/:id': coinDetail,
};
