import {
  candles,
  changeOf,
  FAKE_SYMBOLS,
  hasCoin,
  marketCapOf,
  priceOf,
  volumeOf,
} from './market-data';
import { COINBASE } from './coinbase.routes';
import { binanceExchangeInfo, binancePair, KRAKEN_CROSS, krakenAssetPairs } from './exchange-pairs';
import { FEEDS } from './feeds';
import { coinsMarkets, marketChartRange } from './coingecko-markets.routes';
import { coingeckoCurrencyRoutes, simplePrice } from './coingecko-currencies.routes';
import { frankfurter } from './frankfurter.routes';
import { coinlore } from './coinlore.routes';
import { coinpaprika } from './coinpaprika.routes';
import { OKX } from './okx.routes';
import { type Handler, ok } from './route.types';
import { COINGECKO_DIRECTORY } from './coingecko-directory.routes';

const COINGECKO_IDS: Record<string, string> = {
  bitcoin: 'BTC',
  ethereum: 'ETH',
  tether: 'USDT',
  ripple: 'XRP',
  binancecoin: 'BNB',
  solana: 'SOL',
  'usd-coin': 'USDC',
  dogecoin: 'DOGE',
  cardano: 'ADA',
  chainlink: 'LINK',
  litecoin: 'LTC',
  polkadot: 'DOT',
  'wrapped-bitcoin': 'WBTC',
  batcat: 'BATCAT',
};
/** Coins whose ticker is not their price key: a small coin sharing Bitcoin's ticker. */
const LISTED_TICKERS: Record<string, string> = { batcat: 'BTC' };
/** The market list as CoinGecko orders it: largest market cap first. */
const MARKET_LIST = Object.entries(COINGECKO_IDS)
  .map(([id, key]) => ({ id, key, symbol: LISTED_TICKERS[id] ?? key }))
  .sort((a, b) => marketCapOf(b.key) - marketCapOf(a.key));
const KRAKEN_PAIRS: Record<string, [string, string]> = {
  XBTUSD: ['XXBTZUSD', 'BTC'],
  ETHUSD: ['XETHZUSD', 'ETH'],
  SOLUSD: ['SOLUSD', 'SOL'],
  XRPUSD: ['XXRPZUSD', 'XRP'],
  ADAUSD: ['ADAUSD', 'ADA'],
  XDGUSD: ['XDGUSD', 'DOGE'],
  LTCUSD: ['XLTCZUSD', 'LTC'],
  DOTUSD: ['DOTUSD', 'DOT'],
};
const INTERVAL_MS: Record<string, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
};
const s = (n: number) => n.toPrecision(10).replace(/\.?0+$/, '');
const nowSec = () => Math.floor(Date.now() / 1000);

const CG_ERROR = { error: 'coin not found' };
const coingecko: Record<string, Handler> = {
  '/api/v3/ping': () => ok({ gecko_says: '(V3) To the Moon!' }, {}, CG_ERROR),
  '/api/v3/simple/price': simplePrice(COINGECKO_IDS),
  ...coingeckoCurrencyRoutes,
  '/api/v3/coins/markets': coinsMarkets(MARKET_LIST),
  '/api/v3/search/trending': () =>
    ok(
      {
        coins: ['SOL', 'PEPE', 'SUI'].map((symbol, i) => ({
          item: {
            id: symbol.toLowerCase(),
            name: symbol,
            symbol,
            market_cap_rank: 10 + i,
            score: i,
            data: { price: priceOf(symbol) },
          },
        })),
      },
      { coins: [] },
      CG_ERROR,
    ),
  '/api/v3/global': () =>
    ok(
      {
        data: {
          active_cryptocurrencies: 17_000,
          total_market_cap: { usd: 3.4e12 * (priceOf('BTC') / 97_000) },
          total_volume: { usd: 1.2e11 },
          market_cap_percentage: { btc: 56.1, eth: 12.4 },
          market_cap_change_percentage_24h_usd: changeOf('BTC'),
          updated_at: nowSec(),
        },
      },
      {},
      CG_ERROR,
    ),
  '/api/v3/coins/:id/market_chart/range': marketChartRange(COINGECKO_IDS),
  '/api/v3/coins/:id/ohlc': (q, [id]) => {
    const symbol = COINGECKO_IDS[id] ?? 'BTC';
    const days = Number(q.get('days') ?? 1);
    const step = days <= 2 ? 1_800_000 : days <= 30 ? 14_400_000 : 4 * 86_400_000;
    const rows = candles(symbol, step, Math.ceil((days * 86_400_000) / step));
    return ok(
      rows.map((c) => [c.openTime + step, c.open, c.high, c.low, c.close]),
      [],
      CG_ERROR,
    );
  },
};

const BINANCE_ERROR = { code: -1003, msg: 'Too much request weight used' };
const binanceSymbol = (pair: string) => pair.replace(/USDT$/, '');
const binance: Record<string, Handler> = {
  '/api/v3/ping': () => ok({}, {}, BINANCE_ERROR),
  '/api/v3/ticker/24hr': (q) => {
    const pairs = JSON.parse(q.get('symbols') ?? '[]') as string[];
    const unknown = pairs.find((p) => !hasCoin(binanceSymbol(p)));
    if (unknown) {
      return ok({ code: -1121, msg: 'Invalid symbol.' }, [], BINANCE_ERROR, { status: 400 });
    }
    const rows = pairs.map((pair) => {
      const symbol = binanceSymbol(pair);
      return {
        symbol: pair,
        priceChange: s((priceOf(symbol) * changeOf(symbol)) / 100),
        priceChangePercent: changeOf(symbol).toFixed(3),
        lastPrice: s(priceOf(symbol, Date.now(), -0.0002)),
        volume: s(volumeOf(symbol) / priceOf(symbol)),
        quoteVolume: s(volumeOf(symbol)),
        openTime: Date.now() - 86_400_000,
        closeTime: Date.now(),
        count: 12345,
      };
    });
    return ok(rows, [], BINANCE_ERROR, { headers: { 'x-mbx-used-weight-1m': '42' } });
  },
  '/api/v3/exchangeInfo': binanceExchangeInfo,
  '/api/v3/klines': (q) => {
    const [symbol, quote] = binancePair(q.get('symbol') ?? 'BTCUSDT');
    const step = INTERVAL_MS[q.get('interval') ?? ''];
    if (!step) {
      return ok({ code: -1120, msg: 'Invalid interval.' }, [], BINANCE_ERROR, { status: 400 });
    }
    const limit = Math.min(1000, Number(q.get('limit') ?? 500));
    const end = Math.min(Date.now(), Number(q.get('endTime') ?? Date.now()));
    // With startTime, the oldest candles from there (as Binance pages); without, the newest.
    const first = q.has('startTime') ? Math.ceil(Number(q.get('startTime')) / step) * step : 0;
    const lastOpen = q.has('startTime') ? Math.min(end, first + (limit - 1) * step) : end;
    const count = q.has('startTime')
      ? Math.max(0, Math.floor((lastOpen - first) / step) + 1)
      : limit;
    const rows = candles(symbol, step, count, lastOpen, quote);
    return ok(
      rows.map((c) => [
        c.openTime,
        s(c.open),
        s(c.high),
        s(c.low),
        s(c.close),
        s(c.volume),
        c.openTime + step - 1,
        s(c.volume * c.close),
        100,
        '1',
        '1',
        '0',
      ]),
      [],
      BINANCE_ERROR,
      { headers: { 'x-mbx-used-weight-1m': '44' } },
    );
  },
};

const KRAKEN_ERROR = { error: ['EService:Unavailable'] };
const kraken: Record<string, Handler> = {
  '/0/public/Ticker': (q) => {
    const result: Record<string, unknown> = {};
    for (const pair of (q.get('pair') ?? '').split(',')) {
      const known = KRAKEN_PAIRS[pair];
      if (!known) {
        return ok({ error: ['EQuery:Unknown asset pair'] }, {}, KRAKEN_ERROR);
      }
      const [key, symbol] = known;
      const price = priceOf(symbol, Date.now(), 0.0001);
      result[key] = {
        a: [s(price * 1.0001), '1', '1.000'],
        b: [s(price * 0.9999), '1', '1.000'],
        c: [s(price), '0.01'],
        v: ['1200.5', s(volumeOf(symbol) / price)],
        p: [s(price), s(price)],
        t: [1000, 2000],
        l: [s(price * 0.98), s(price * 0.97)],
        h: [s(price * 1.02), s(price * 1.03)],
        o: s(price * 0.99),
      };
    }
    return ok({ error: [], result }, { error: [], result: {} }, KRAKEN_ERROR);
  },
  '/0/public/AssetPairs': krakenAssetPairs(KRAKEN_PAIRS),
  '/0/public/OHLC': (q) => {
    const pair = q.get('pair') ?? '';
    const known: [string, string, string?] | undefined = KRAKEN_PAIRS[pair] ?? KRAKEN_CROSS[pair];
    if (!known) {
      return ok({ error: ['EQuery:Unknown asset pair'] }, {}, KRAKEN_ERROR);
    }
    const step = Number(q.get('interval') ?? 1) * 60_000;
    // Only the latest 720 candles, those after `since` when given (the forming one always).
    const since = Number(q.get('since') ?? 0) * 1000;
    const latest = candles(known[1], step, 720, Date.now(), known[2] ?? 'USD');
    const rows = latest
      .filter((c, i) => c.openTime > since || i === 719)
      .map((c) => [
        c.openTime / 1000,
        s(c.open),
        s(c.high),
        s(c.low),
        s(c.close),
        s((c.open + c.close) / 2),
        s(c.volume),
        42,
      ]);
    return ok(
      { error: [], result: { [known[0]]: rows, last: nowSec() } },
      { error: [], result: { [known[0]]: [], last: nowSec() } },
      KRAKEN_ERROR,
    );
  },
};

const COINCAP_DEPRECATED = {
  data: { message: 'We are deprecating this version of the CoinCap API on March 31, 2025.' },
  timestamp: Date.now(),
};
const coincap: Record<string, Handler> = {
  '/v3/assets': (q) => {
    const ids = (q.get('ids') ?? 'bitcoin').split(',');
    const data = ids.flatMap((id, i) => {
      const symbol = COINGECKO_IDS[id] ?? (id === 'xrp' ? 'XRP' : undefined);
      return symbol
        ? [
            {
              id,
              rank: String(i + 1),
              symbol,
              name: id,
              priceUsd: s(priceOf(symbol, Date.now(), 0.0004)),
              changePercent24Hr: s(changeOf(symbol)),
              volumeUsd24Hr: s(volumeOf(symbol)),
              marketCapUsd: s(marketCapOf(symbol)),
            },
          ]
        : [];
    });
    return ok(
      { data, timestamp: Date.now() },
      { data: [], timestamp: Date.now() },
      COINCAP_DEPRECATED,
    );
  },
};

const CC_ERROR = {
  Response: 'Error',
  Message: 'You are over your rate limit please upgrade your account!',
  HasWarning: false,
  Type: 99,
  RateLimit: {},
  Data: {},
};
const histo =
  (step: number): Handler =>
  (q) => {
    const symbol = q.get('fsym') ?? 'BTC';
    const aggregate = Number(q.get('aggregate') ?? 1);
    const rows = candles(symbol, step * aggregate, Number(q.get('limit') ?? 168) + 1);
    return ok(
      {
        Response: 'Success',
        Message: '',
        HasWarning: false,
        Type: 100,
        RateLimit: {},
        Data: {
          Aggregated: aggregate > 1,
          TimeFrom: rows[0].openTime / 1000,
          TimeTo: (rows.at(-1)?.openTime ?? 0) / 1000,
          Data: rows.map((c) => ({
            time: c.openTime / 1000,
            high: c.high,
            low: c.low,
            open: c.open,
            volumefrom: c.volume,
            volumeto: c.volume * c.close,
            close: c.close,
            conversionType: 'direct',
            conversionSymbol: '',
          })),
        },
      },
      { Response: 'Success', Data: { Data: [] } },
      CC_ERROR,
    );
  };
const cryptocompare: Record<string, Handler> = {
  '/data/pricemulti': (q) => {
    const body: Record<string, { USD: number }> = {};
    for (const symbol of (q.get('fsyms') ?? '').split(',')) {
      if (hasCoin(symbol)) {
        body[symbol] = { USD: priceOf(symbol, Date.now(), -0.0003) };
      }
    }
    return ok(body, {}, CC_ERROR);
  },
  '/data/v2/histominute': histo(60_000),
  '/data/v2/histohour': histo(3_600_000),
  '/data/v2/histoday': histo(86_400_000),
};

const LLAMA_ERROR = { message: 'Internal Error' };
const PROTOCOLS = [
  {
    name: 'Lido',
    slug: 'lido',
    tvl: 3.1e10,
    chain: 'Ethereum',
    chains: ['Ethereum'],
    symbol: 'LDO',
    category: 'Liquid Staking',
  },
  {
    name: 'Aave V3',
    slug: 'aave-v3',
    tvl: 2.4e10,
    chain: 'Multi-Chain',
    chains: ['Ethereum', 'Arbitrum'],
    symbol: 'AAVE',
    category: 'Lending',
  },
  {
    name: 'EigenLayer',
    slug: 'eigenlayer',
    tvl: 1.5e10,
    chain: 'Ethereum',
    chains: ['Ethereum'],
    symbol: '-',
    category: 'Restaking',
  },
];
const defillama: Record<string, Handler> = {
  '/protocols': () =>
    ok(
      [
        ...PROTOCOLS.map((p, i) => ({
          ...p,
          id: String(100 + i),
          description: 'A long description the service must not keep.',
          chainTvls: { Ethereum: p.tvl, 'Ethereum-staking': p.tvl / 10 },
          tokenBreakdowns: { ethereum: { ETH: p.tvl } },
          change_1d: 0.8 - i,
          change_7d: -2.1 + i,
        })),
        { ...PROTOCOLS[0], name: 'Unlisted', slug: 'unlisted', tvl: null, chains: [] },
      ],
      [],
      LLAMA_ERROR,
    ),
  '/v2/historicalChainTvl': () => {
    const today = Math.floor(Date.now() / 86_400_000) * 86_400;
    return ok(
      Array.from({ length: 60 }, (_, i) => ({
        date: today - (59 - i) * 86_400,
        tvl: 9e10 + i * 1e8,
      })),
      [],
      LLAMA_ERROR,
    );
  },
  '/v2/chains': () =>
    ok(
      [
        {
          gecko_id: 'ethereum',
          tvl: 6.2e10,
          tokenSymbol: 'ETH',
          cmcId: '1027',
          name: 'Ethereum',
          chainId: 1,
        },
        { gecko_id: 'solana', tvl: 9.1e9, tokenSymbol: 'SOL', cmcId: '5426', name: 'Solana' },
      ],
      [],
      LLAMA_ERROR,
    ),
  '/tvl/:slug': (_q, [slug]) => {
    const protocol = PROTOCOLS.find((p) => p.slug === slug);
    return protocol
      ? ok(protocol.tvl, 0, LLAMA_ERROR)
      : ok('Not found', 0, LLAMA_ERROR, { status: 404, contentType: 'text/plain' });
  },
};

const FNG_ERROR = {
  name: 'Fear and Greed Index',
  data: [],
  metadata: { error: 'Database unavailable' },
};
const alternativeMe: Record<string, Handler> = {
  '/fng/': (q) => {
    const limit = Math.max(1, Number(q.get('limit') ?? 1));
    const today = Math.floor(Date.now() / 86_400_000) * 86_400;
    const data = Array.from({ length: limit }, (_, i) => {
      const value = 25 + ((today / 86_400 - i) % 60);
      return {
        value: String(value),
        value_classification: value < 45 ? 'Fear' : value <= 55 ? 'Neutral' : 'Greed',
        timestamp: String(today - i * 86_400),
        ...(i === 0 ? { time_until_update: '41234' } : {}),
      };
    });
    return ok(
      { name: 'Fear and Greed Index', data, metadata: { error: null } },
      { name: 'Fear and Greed Index', data: [], metadata: { error: null } },
      FNG_ERROR,
    );
  },
};

const ETHERSCAN_ERROR = {
  status: '0',
  message: 'NOTOK',
  result: 'Max calls per sec rate limit reached (3/sec)',
};
const etherscan: Record<string, Handler> = {
  '/v2/api': (q) =>
    q.get('apikey')
      ? ok(
          {
            status: '1',
            message: 'OK',
            result: {
              LastBlock: String(23_000_000 + (Math.floor(Date.now() / 12_000) % 1000)),
              SafeGasPrice: '0.9',
              ProposeGasPrice: '1.1',
              FastGasPrice: '1.6',
              suggestBaseFee: '0.85',
              gasUsedRatio: '0.43,0.51,0.38,0.66,0.49',
            },
          },
          {},
          ETHERSCAN_ERROR,
        )
      : ok(
          { status: '0', message: 'NOTOK', result: 'Missing/Invalid API Key' },
          {},
          ETHERSCAN_ERROR,
        ),
};

export const RSS_CHALLENGE =
  '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>';
const rssFeed = (name: string) => {
  const items = FAKE_SYMBOLS.slice(0, 3)
    .map(
      (
        symbol,
        i,
      ) => `<item><title><![CDATA[${symbol} moves ${i + 1}% as traders watch ${name}]]></title>
<link>https://${name}.example/news/${symbol.toLowerCase()}?utm_source=rss</link>
<pubDate>${new Date(Date.now() - i * 3_600_000).toUTCString()}</pubDate>
<description><![CDATA[<p>${symbol} &#8217;s price was ${priceOf(symbol).toFixed(2)}.</p>]]></description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${name}</title>\n${items}\n</channel></rss>`;
};
const rss: Record<string, Handler> = {
  '/:feed': (_q, [feed]) =>
    ok(
      rssFeed(feed),
      '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
      RSS_CHALLENGE,
      {
        contentType: 'application/rss+xml',
        headers: { etag: `"${feed}-${Math.floor(Date.now() / 60_000)}"` },
      },
    ),
};

/**
 * Every fake host: the first path segment names it (binance-a/b/c are three Binance hosts). A new
 * upstream's routes go in their own `<id>.routes.ts` beside this file.
 */
export const HOSTS: Record<string, Record<string, Handler>> = {
  coingecko: { ...coingecko, ...COINGECKO_DIRECTORY },
  'binance-a': binance,
  'binance-b': binance,
  'binance-c': binance,
  kraken,
  coinbase: COINBASE,
  okx: OKX,
  coincap,
  cryptocompare,
  defillama,
  'alternative-me': alternativeMe,
  etherscan,
  rss,
  feeds: FEEDS,
  frankfurter,
  coinpaprika,
  coinlore,
};

/** Finds the handler for a path within a host, with `:param` segments. */
export function match(
  host: string,
  path: string,
): { route: string; handler: Handler; params: string[] } | undefined {
  const handlers = HOSTS[host];
  if (!handlers) {
    return undefined;
  }
  const parts = path.split('/');
  for (const [route, handler] of Object.entries(handlers)) {
    const pattern = route.split('/');
    if (pattern.length !== parts.length) {
      continue;
    }
    const params: string[] = [];
    const same = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        params.push(decodeURIComponent(parts[i]));
        return parts[i].length > 0;
      }
      return segment === parts[i];
    });
    if (same) {
      return { route, handler, params };
    }
  }
  return undefined;
}
