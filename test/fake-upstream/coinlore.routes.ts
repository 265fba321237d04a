import { changeOf, marketCapOf, priceOf, volumeOf } from './market-data';
import { type Handler, ok } from './route.types';

/**
 * CoinLore (`/api`): numeric string ids, almost every number a string, `/global/` and `/ticker/`
 * arrays, an empty body for unknown ids, JSON served as text/html, a ticker sharing Bitcoin's
 * ticker, one coin unknown to CoinGecko; totals a few percent off CoinGecko's.
 */
const COINS: { id: string; key: string; symbol: string; name: string }[] = [
  { id: '90', key: 'BTC', symbol: 'BTC', name: 'Bitcoin' },
  { id: '80', key: 'ETH', symbol: 'ETH', name: 'Ethereum' },
  { id: '518', key: 'USDT', symbol: 'USDT', name: 'Tether' },
  { id: '58', key: 'XRP', symbol: 'XRP', name: 'XRP' },
  { id: '2710', key: 'BNB', symbol: 'BNB', name: 'Binance Coin' },
  { id: '48543', key: 'SOL', symbol: 'SOL', name: 'Solana' },
  { id: '2', key: 'DOGE', symbol: 'DOGE', name: 'Dogecoin' },
  { id: '257', key: 'ADA', symbol: 'ADA', name: 'Cardano' },
  { id: '2751', key: 'LINK', symbol: 'LINK', name: 'ChainLink' },
  { id: '1', key: 'LTC', symbol: 'LTC', name: 'Litecoin' },
  { id: '45219', key: 'DOT', symbol: 'DOT', name: 'Polkadot' },
  { id: '33538', key: 'WBTC', symbol: 'WBTC', name: 'Wrapped Bitcoin' },
  { id: '77777', key: 'ZZZ', symbol: 'ZZZ', name: 'Unknown Coin' },
  { id: '99999', key: 'BATCAT', symbol: 'BTC', name: 'Batcat' },
];
const RANKED = [...COINS].sort((a, b) => marketCapOf(b.key) - marketCapOf(a.key));
const HTML_JSON = { contentType: 'text/html; charset=UTF-8' };

export const LORE_ERROR = { error: 'rate limit' };

function ticker(coin: (typeof COINS)[number]) {
  const now = Date.now();
  const price = priceOf(coin.key, now, -0.0005);
  const supply = marketCapOf(coin.key) / priceOf(coin.key);
  return {
    id: coin.id,
    symbol: coin.symbol,
    name: coin.name,
    nameid: coin.name.toLowerCase().replace(/ /g, '-'),
    rank: RANKED.indexOf(coin) + 1,
    price_usd: price.toFixed(price < 1 ? 8 : 2),
    percent_change_24h: changeOf(coin.key).toFixed(2),
    percent_change_1h: '-0.10',
    percent_change_7d: '-4.73',
    price_btc: (price / priceOf('BTC')).toFixed(8),
    market_cap_usd: (marketCapOf(coin.key) * 1.01).toFixed(2),
    volume24: Math.round(volumeOf(coin.key) * 0.97 * 100) / 100,
    volume24a: Math.round(volumeOf(coin.key) * 0.9 * 100) / 100,
    csupply: supply.toFixed(2),
    tsupply: String(Math.round(supply)),
    msupply: coin.key === 'ETH' ? '' : '21000000',
  };
}

export const coinlore: Record<string, Handler> = {
  '/api/global/': () =>
    ok(
      [
        {
          coins_count: 15_211,
          active_markets: 41_877,
          total_mcap: 3.4e12 * (priceOf('BTC') / 97_000) * 1.02,
          total_volume: 1.31e11,
          btc_d: '57.16',
          eth_d: '11.71',
          mcap_change: changeOf('BTC').toFixed(2),
          volume_change: '6.41',
          avg_change_percent: '-0.97',
          volume_ath: 3_992_741_953_593.49,
          mcap_ath: 4_401_280_127_093.87,
        },
      ],
      [],
      LORE_ERROR,
      HTML_JSON,
    ),
  '/api/tickers/': (q) => {
    const start = Number(q.get('start') ?? 0);
    const limit = Math.min(100, Number(q.get('limit') ?? 100));
    const data = RANKED.slice(start, start + limit).map(ticker);
    return ok(
      { data, info: { coins_num: RANKED.length, time: Math.floor(Date.now() / 1000) - 30 } },
      { data: [], info: { coins_num: 0, time: Math.floor(Date.now() / 1000) } },
      LORE_ERROR,
      HTML_JSON,
    );
  },
  '/api/ticker/': (q) => {
    const ids = (q.get('id') ?? '').split(',');
    const rows = COINS.filter((c) => ids.includes(c.id)).map(ticker);
    // Nothing known: an empty body rather than an empty array.
    return rows.length > 0
      ? ok(rows, [], LORE_ERROR, HTML_JSON)
      : ok('', [], LORE_ERROR, HTML_JSON);
  },
};
