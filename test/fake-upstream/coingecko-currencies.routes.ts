import { coingeckoRates, coingeckoVsCurrencies, usdIn } from './fx-rates';
import { changeOf, marketCapOf, priceOf, volumeOf } from './market-data';
import { type Handler, ok } from './route.types';

/** CoinGecko's currency routes: the vs-currency list, BTC-based rates, prices in any vs-currency. */

const CG_ERROR = { error: 'coin not found' };
const INVALID_VS = { error: 'invalid vs_currency' };
const CURRENCY_NAMES: Readonly<Record<string, string>> = {
  btc: 'Bitcoin',
  usd: 'US Dollar',
  eur: 'Euro',
  xau: 'Gold - Troy Ounce',
};

/** `/simple/price` for the coins `ids` maps to fake tickers, in each of `vs_currencies`. */
export function simplePrice(ids: Readonly<Record<string, string>>): Handler {
  return (q, _params, settings) => {
    const currencies = (q.get('vs_currencies') ?? 'usd').split(',');
    const known = new Set(coingeckoVsCurrencies());
    if (currencies.some((c) => !known.has(c))) {
      return ok(INVALID_VS, INVALID_VS, INVALID_VS, { status: 400 });
    }
    const now = Date.now();
    const body: Record<string, Record<string, number>> = {};
    for (const id of (q.get('ids') ?? '').split(',')) {
      const symbol = ids[id];
      if (symbol) {
        const usd = priceOf(symbol, now, 0.0003);
        const row: Record<string, number> = {};
        for (const code of currencies) {
          row[code] = usdIn(code, usd, now) ?? 0;
          row[`${code}_market_cap`] = usdIn(code, marketCapOf(symbol), now) ?? 0;
          row[`${code}_24h_vol`] = usdIn(code, volumeOf(symbol), now) ?? 0;
          row[`${code}_24h_change`] = changeOf(symbol);
        }
        // CoinGecko's quotes trail the clock by tens of seconds (42 s here, plus any lag a
        // test sets); an adapter that stamps the time of receipt shows up as a mismatch.
        row.last_updated_at = Math.floor((now - settings.quoteLagMs) / 1000) - 42;
        body[id] = row;
      }
    }
    return ok(body, {}, CG_ERROR);
  };
}

export const coingeckoCurrencyRoutes: Record<string, Handler> = {
  '/api/v3/simple/supported_vs_currencies': () => ok(coingeckoVsCurrencies(), [], CG_ERROR),
  '/api/v3/exchange_rates': () => {
    const btcUsd = priceOf('BTC');
    const rates = Object.fromEntries(
      Object.entries(coingeckoRates()).map(([code, { perUsd, type }]) => [
        code,
        {
          name: CURRENCY_NAMES[code] ?? code.toUpperCase(),
          unit: code.toUpperCase(),
          value: perUsd * btcUsd,
          type,
        },
      ]),
    );
    return ok({ rates }, { rates: {} }, CG_ERROR);
  },
};
