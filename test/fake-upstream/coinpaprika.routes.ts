import { usdIn } from './fx-rates';
import { changeOf, changeOfOver, marketCapOf, priceOf, volumeOf } from './market-data';
import { type Handler, ok } from './route.types';

/**
 * CoinPaprika's free plan (`/v1`): ids are `{symbol}-{name}` slugs, a small coin shares Bitcoin's
 * ticker, one coin is inactive (rank 0) and one is unknown to CoinGecko. Traps reproduced: no
 * `circulating_supply`, "" for a missing number, ISO `last_updated` on tickers but unix seconds
 * on /global, polluted volume-ATH figures, totals a few percent off CoinGecko's.
 */
const COINS: { id: string; key: string; symbol: string; name: string }[] = [
  { id: 'btc-bitcoin', key: 'BTC', symbol: 'BTC', name: 'Bitcoin' },
  { id: 'eth-ethereum', key: 'ETH', symbol: 'ETH', name: 'Ethereum' },
  { id: 'usdt-tether', key: 'USDT', symbol: 'USDT', name: 'Tether' },
  { id: 'xrp-xrp', key: 'XRP', symbol: 'XRP', name: 'XRP' },
  { id: 'bnb-bnb', key: 'BNB', symbol: 'BNB', name: 'BNB' },
  { id: 'sol-solana', key: 'SOL', symbol: 'SOL', name: 'Solana' },
  { id: 'doge-dogecoin', key: 'DOGE', symbol: 'DOGE', name: 'Dogecoin' },
  { id: 'ada-cardano', key: 'ADA', symbol: 'ADA', name: 'Cardano' },
  { id: 'link-chainlink', key: 'LINK', symbol: 'LINK', name: 'Chainlink' },
  { id: 'ltc-litecoin', key: 'LTC', symbol: 'LTC', name: 'Litecoin' },
  { id: 'dot-polkadot', key: 'DOT', symbol: 'DOT', name: 'Polkadot' },
  { id: 'wbtc-wrapped-bitcoin', key: 'WBTC', symbol: 'WBTC', name: 'Wrapped Bitcoin' },
  { id: 'zzz-unknown-coin', key: 'ZZZ', symbol: 'ZZZ', name: 'Unknown Coin' },
  { id: 'btc-batcat', key: 'BATCAT', symbol: 'BTC', name: 'Batcat' },
];
const INACTIVE = { id: 'old-oldcoin', key: 'OLD', symbol: 'OLD', name: 'Oldcoin' };
const RANKED = [...COINS].sort((a, b) => marketCapOf(b.key) - marketCapOf(a.key));
const two = (n: number) => Math.round(n * 100) / 100;

export const PAPRIKA_ERROR = { error: 'you have reached maximum request limit' };
const NOT_FOUND = { error: 'id not found' };
const DAY_MS = 86_400_000;

function ticker(coin: (typeof COINS)[number], rank: number) {
  const now = Date.now();
  return {
    id: coin.id,
    name: coin.name,
    symbol: coin.symbol,
    rank,
    total_supply: Math.round(marketCapOf(coin.key) / priceOf(coin.key)),
    max_supply: coin.key === 'ETH' ? 0 : 21_000_000,
    beta_value: 1.02,
    first_data_at: '2015-08-07T14:45:00Z',
    // Refreshed every 5 minutes on the free plan.
    last_updated: new Date(Math.floor(now / 300_000) * 300_000).toISOString(),
    quotes: {
      USD: {
        price: priceOf(coin.key, now, 0.0005),
        // The schema's "missing values are returned as empty string".
        volume_24h: coin.key === 'BATCAT' ? '' : volumeOf(coin.key) * 1.03,
        volume_24h_change_24h: 7.12,
        market_cap: Math.round(marketCapOf(coin.key) * 0.98),
        market_cap_change_24h: two(changeOf(coin.key)),
        percent_change_1h: -0.11,
        percent_change_24h: two(changeOf(coin.key)),
        percent_change_7d: -4.69,
        ath_price: priceOf(coin.key) * 1.3,
        ath_date: '2025-10-06T18:50:00Z',
        percent_from_price_ath: -25.36,
      },
    },
  };
}

/**
 * One currency of `/tickers/{id}?quotes=…`: the USD figures times the rate. The coin's quote in
 * itself (BTC of btc-bitcoin) has null ATH fields, as CoinPaprika's own example shows.
 */
function detailQuote(coin: (typeof COINS)[number], code: string, now: number) {
  const rate = usdIn(code.toLowerCase(), 1, now) ?? 1;
  const price = priceOf(coin.key, now, 0.0005);
  const ath = priceOf(coin.key, 0) * 1.3;
  const self = code === coin.symbol;
  return {
    price: price * rate,
    volume_24h: volumeOf(coin.key) * 1.03 * rate,
    volume_24h_change_24h: 7.12,
    market_cap: Math.round(marketCapOf(coin.key) * 0.98 * rate),
    market_cap_change_24h: two(changeOf(coin.key, now)),
    percent_change_15m: -0.02,
    percent_change_1h: two(changeOfOver(coin.key, 3_600_000, now)),
    percent_change_24h: two(changeOf(coin.key, now)),
    percent_change_7d: two(changeOfOver(coin.key, 7 * DAY_MS, now)),
    percent_change_30d: two(changeOfOver(coin.key, 30 * DAY_MS, now)),
    percent_change_1y: -2.66,
    ath_price: self ? null : ath * rate,
    ath_date: self ? null : '2025-10-06T18:50:00Z',
    percent_from_price_ath: self ? null : two(((price - ath) / ath) * 100),
  };
}

/** `/tickers/{id}?quotes=…`: at most 3 quotes (400 beyond), 404 `{"error":"id not found"}`. */
const tickerById: Handler = (query, [id]) => {
  const coin = [...COINS, INACTIVE].find((c) => c.id === id);
  if (!coin) {
    return ok(NOT_FOUND, {}, PAPRIKA_ERROR, { status: 404 });
  }
  const codes = (query.get('quotes') ?? 'USD').split(',');
  if (codes.length > 3) {
    return ok({ error: 'invalid quotes' }, {}, PAPRIKA_ERROR, { status: 400 });
  }
  const now = Date.now();
  const { quotes: _usdOnly, ...row } = ticker(
    coin,
    coin === INACTIVE ? 0 : RANKED.indexOf(coin) + 1,
  );
  const quotes = Object.fromEntries(codes.map((code) => [code, detailQuote(coin, code, now)]));
  return ok({ ...row, quotes }, {}, PAPRIKA_ERROR);
};

/** `/search?q=…&c=currencies`: coins whose name or ticker contains q, as in `/coins`. */
const search: Handler = (query) => {
  const q = (query.get('q') ?? '').toLowerCase();
  const limit = Number(query.get('limit') ?? 6);
  const currencies = [...RANKED, INACTIVE]
    .filter((c) => c.name.toLowerCase().includes(q) || c.symbol.toLowerCase().includes(q))
    .slice(0, limit)
    .map((c) => ({
      id: c.id,
      name: c.name,
      symbol: c.symbol,
      rank: c === INACTIVE ? 0 : RANKED.indexOf(c) + 1,
      is_new: false,
      is_active: c !== INACTIVE,
      type: 'coin',
    }));
  return ok({ currencies }, { currencies: [] }, PAPRIKA_ERROR);
};

export const coinpaprika: Record<string, Handler> = {
  '/v1/tickers/:id': tickerById,
  '/v1/search': search,
  '/v1/global': () =>
    ok(
      {
        market_cap_usd: Math.round(3.4e12 * (priceOf('BTC') / 97_000) * 0.97),
        volume_24h_usd: 1.25e11,
        bitcoin_dominance_percentage: 56.88,
        cryptocurrencies_number: 11_987,
        market_cap_ath_value: 4_377_092_376_543,
        market_cap_ath_date: '2025-10-06T19:05:00Z',
        volume_24h_ath_value: 33_781_245_678_901,
        volume_24h_ath_date: '2021-05-19T14:20:00Z',
        volume_24h_percent_from_ath: -99.62,
        volume_24h_percent_to_ath: 9999.99,
        market_cap_change_24h: two(changeOf('BTC')),
        volume_24h_change_24h: 6.88,
        last_updated: Math.floor(Date.now() / 300_000) * 300,
      },
      {},
      PAPRIKA_ERROR,
    ),
  '/v1/tickers': () =>
    ok([...RANKED.map((coin, i) => ticker(coin, i + 1)), ticker(INACTIVE, 0)], [], PAPRIKA_ERROR),
};
