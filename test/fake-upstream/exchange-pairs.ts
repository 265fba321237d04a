import { FAKE_SYMBOLS } from './market-data';
import { type Handler, ok } from './route.types';

/** Binance's pairs in other quotes than USDT: symbol → [baseAsset, quoteAsset]. */
export const BINANCE_CROSS: Record<string, [string, string]> = {
  ETHBTC: ['ETH', 'BTC'],
  BTCEUR: ['BTC', 'EUR'],
  ETHEUR: ['ETH', 'EUR'],
};

/** A Binance symbol as [base, quote]: a cross pair, else the coin's USDT pair. */
export function binancePair(symbol: string): [string, string] {
  return BINANCE_CROSS[symbol] ?? [symbol.replace(/USDT$/, ''), 'USDT'];
}

/** `exchangeInfo` with every USDT pair, the cross pairs and one halted pair (not trading). */
export const binanceExchangeInfo: Handler = () => {
  const usdt = FAKE_SYMBOLS.filter((c) => c !== 'USDT').map((c) => [`${c}USDT`, c, 'USDT']);
  const cross = Object.entries(BINANCE_CROSS).map(([symbol, [b, q]]) => [symbol, b, q]);
  const symbols = [...usdt, ...cross, ['LUNABTC', 'LUNA', 'BTC', 'BREAK']].map(
    ([symbol, baseAsset, quoteAsset, status]) => ({
      symbol,
      status: status ?? 'TRADING',
      baseAsset,
      baseAssetPrecision: 8,
      quoteAsset,
      quotePrecision: 8,
      orderTypes: ['LIMIT', 'MARKET'],
      isSpotTradingAllowed: true,
    }),
  );
  return ok(
    { timezone: 'UTC', serverTime: Date.now(), rateLimits: [], exchangeFilters: [], symbols },
    { timezone: 'UTC', serverTime: Date.now(), symbols: [] },
    { code: -1003, msg: 'Too much request weight used' },
  );
};

/** Kraken's pairs in other quotes: altname → [key, base coin, quote]. */
export const KRAKEN_CROSS: Record<string, [string, string, string]> = {
  XBTEUR: ['XXBTZEUR', 'BTC', 'EUR'],
  ETHEUR: ['XETHZEUR', 'ETH', 'EUR'],
  ETHXBT: ['XETHXXBT', 'ETH', 'BTC'],
};
const KRAKEN_CODES: Record<string, [string, string]> = {
  BTC: ['XXBT', 'XBT'],
  ETH: ['XETH', 'ETH'],
  USD: ['ZUSD', 'USD'],
  EUR: ['ZEUR', 'EUR'],
  DOGE: ['XXDG', 'XDG'],
};

/** `AssetPairs` for the USD pairs given and the cross pairs, in Kraken's own asset codes. */
export function krakenAssetPairs(usd: Record<string, [string, string]>): Handler {
  return () => {
    const all: [string, string, string, string][] = [
      ...Object.entries(usd).map(([alt, [key, base]]): [string, string, string, string] => [
        alt,
        key,
        base,
        'USD',
      ]),
      ...Object.entries(KRAKEN_CROSS).map(
        ([alt, [key, b, q]]): [string, string, string, string] => [alt, key, b, q],
      ),
    ];
    const code = (asset: string) => KRAKEN_CODES[asset] ?? [asset, asset];
    const result = Object.fromEntries(
      all.map(([altname, key, base, quote]) => [
        key,
        {
          altname,
          wsname: `${code(base)[1]}/${code(quote)[1]}`,
          aclass_base: 'currency',
          base: code(base)[0],
          aclass_quote: 'currency',
          quote: code(quote)[0],
          pair_decimals: 5,
          status: 'online',
        },
      ]),
    );
    return ok(
      { error: [], result },
      { error: [], result: {} },
      { error: ['EService:Unavailable'] },
    );
  };
}
