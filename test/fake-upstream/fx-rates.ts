import { priceOf } from './market-data';

/**
 * The fake's one source of truth for currencies: the ECB's reference rates (units per euro, as
 * the ECB publishes them), from which every fake answer in another currency is derived, so that
 * CoinGecko's direct EUR quotes and Frankfurter's rates agree within Frankfurter's rounding.
 */
export const ECB_PER_EUR: Readonly<Record<string, number>> = {
  USD: 1.0581,
  JPY: 162.73,
  GBP: 0.8355,
  CHF: 0.9315,
  SEK: 11.4915,
  NOK: 11.7235,
  PLN: 4.2215,
  CZK: 25.148,
  ISK: 146.3,
  AUD: 1.6243,
  CAD: 1.4803,
  CNY: 7.6712,
  HKD: 8.2354,
  INR: 89.457,
  KRW: 1479.66,
  MXN: 21.5531,
  BRL: 6.2815,
  TRY: 36.6215,
  ZAR: 19.1645,
};

/** Fiat outside the ECB list, per US dollar (CoinGecko rates them). */
const OTHER_FIAT_PER_USD: Readonly<Record<string, number>> = { aed: 3.6725, ars: 1431.5 };
/** Troy ounces per US dollar. */
const COMMODITY_PER_USD: Readonly<Record<string, number>> = { xau: 1 / 2650, xag: 1 / 31.2 };
/** Cryptocurrencies CoinGecko quotes in, by the fake market's ticker. */
const CRYPTO_UNITS: Readonly<Record<string, string>> = {
  btc: 'BTC',
  eth: 'ETH',
  ltc: 'LTC',
  bch: 'BCH',
  bnb: 'BNB',
  xrp: 'XRP',
  sol: 'SOL',
  dot: 'DOT',
  link: 'LINK',
};
/** Quoted by CoinGecko's /simple/price but absent from its /exchange_rates (a dead currency). */
const DIRECT_ONLY_PER_USD: Readonly<Record<string, number>> = { vef: 2_484_876.5 };

/** Units of a fiat per US dollar, unrounded (the ECB's euro rates crossed through USD). */
export function fiatPerUsd(code: string): number | undefined {
  const perEur = code === 'EUR' ? 1 : ECB_PER_EUR[code];
  return perEur === undefined ? undefined : perEur / ECB_PER_EUR.USD;
}

export type FakeCurrencyType = 'crypto' | 'fiat' | 'commodity';

/** What CoinGecko's /exchange_rates lists: units per US dollar now, with the type. */
export function coingeckoRates(
  at = Date.now(),
): Record<string, { perUsd: number; type: FakeCurrencyType }> {
  const btcUsd = priceOf('BTC', at);
  const rates: Record<string, { perUsd: number; type: FakeCurrencyType }> = {};
  for (const [code, symbol] of Object.entries(CRYPTO_UNITS)) {
    rates[code] = { perUsd: 1 / priceOf(symbol, at), type: 'crypto' };
  }
  rates.usd = { perUsd: 1, type: 'fiat' };
  // CoinGecko rates most of the ECB's currencies, but not the Icelandic króna.
  const ecb = ['EUR', ...Object.keys(ECB_PER_EUR)].filter((c) => c !== 'USD' && c !== 'ISK');
  for (const code of ecb) {
    rates[code.toLowerCase()] = { perUsd: fiatPerUsd(code) ?? 0, type: 'fiat' };
  }
  for (const [code, perUsd] of Object.entries(OTHER_FIAT_PER_USD)) {
    rates[code] = { perUsd, type: 'fiat' };
  }
  for (const [code, perUsd] of Object.entries(COMMODITY_PER_USD)) {
    rates[code] = { perUsd, type: 'commodity' };
  }
  rates.bits = { perUsd: 1e6 / btcUsd, type: 'crypto' };
  rates.sats = { perUsd: 1e8 / btcUsd, type: 'crypto' };
  return rates;
}

/** Every code CoinGecko's /simple/price accepts in the fake, lowercase. */
export function coingeckoVsCurrencies(): string[] {
  return [...Object.keys(coingeckoRates()), ...Object.keys(DIRECT_ONLY_PER_USD)];
}

/** A USD amount in a CoinGecko vs-currency, or undefined for a code it does not know. */
export function usdIn(code: string, usd: number, at = Date.now()): number | undefined {
  const perUsd = coingeckoRates(at)[code]?.perUsd ?? DIRECT_ONLY_PER_USD[code];
  return perUsd === undefined ? undefined : usd * perUsd;
}

/** The ECB business day in force: the last weekday on or before the given time (UTC). */
export function ecbDate(at = Date.now()): string {
  const day = new Date(at);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) {
    day.setUTCDate(day.getUTCDate() - 1);
  }
  return day.toISOString().slice(0, 10);
}
