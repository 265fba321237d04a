/**
 * Consistent, time-varying market data for the fake upstream: every provider quotes the same
 * coins around the same prices, moving slowly over a ten-minute cycle.
 */
const BASE_PRICES: Record<string, number> = {
  BTC: 97_000,
  ETH: 3_500,
  USDT: 1,
  XRP: 2.4,
  BNB: 650,
  SOL: 240,
  USDC: 1,
  DOGE: 0.4,
  TRX: 0.25,
  ADA: 1.05,
  LINK: 22,
  AVAX: 45,
  XLM: 0.45,
  SUI: 4.2,
  BCH: 480,
  HBAR: 0.3,
  LTC: 110,
  DOT: 8,
  TON: 5.5,
  SHIB: 0.000024,
  UNI: 14,
  PEPE: 0.00002,
  NEAR: 6.2,
  APT: 11,
  ATOM: 7.5,
  ARB: 0.9,
  OP: 2.1,
  FIL: 5.8,
  POL: 0.55,
  AAVE: 340,
  WBTC: 96_900,
  BATCAT: 0.0001,
};
const CYCLE_MS = 600_000;

export const FAKE_SYMBOLS = Object.keys(BASE_PRICES);

export function hasCoin(symbol: string): boolean {
  return symbol in BASE_PRICES;
}

/** Price at a time; `skew` lets providers differ by a hair, as real ones do. */
export function priceOf(symbol: string, at = Date.now(), skew = 0): number {
  const base = BASE_PRICES[symbol] ?? 10;
  const phase = [...symbol].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  const wave = Math.sin((2 * Math.PI * at) / CYCLE_MS + phase);
  return base * (1 + 0.01 * wave + skew);
}

export function changeOf(symbol: string, at = Date.now()): number {
  const now = priceOf(symbol, at);
  const dayAgo = priceOf(symbol, at - 86_400_000 + 123_456);
  return ((now - dayAgo) / dayAgo) * 100;
}

/** Percent change over the given span, ending at `at`. */
export function changeOfOver(symbol: string, spanMs: number, at = Date.now()): number {
  const then = priceOf(symbol, at - spanMs + 123_456);
  return ((priceOf(symbol, at) - then) / then) * 100;
}

export function volumeOf(symbol: string): number {
  return (BASE_PRICES[symbol] ?? 10) * 1_000_000 * (symbol.length + 3);
}

/** Coins whose market cap is far from what their price suggests (wrapped and tiny coins). */
const MARKET_CAPS: Record<string, number> = { WBTC: 1.2e10, BATCAT: 100_000 };

export function marketCapOf(symbol: string): number {
  return MARKET_CAPS[symbol] ?? (BASE_PRICES[symbol] ?? 10) * 50_000_000 * (symbol.length + 7);
}

/** One euro in US dollars: the fake's only fiat rate; EUR pairs are USD prices divided by it. */
export const EUR_IN_USD = 1.0581;

/** A coin's price in another quote: USD (or a USD stablecoin), EUR, or another coin. */
export function pairPriceOf(base: string, quote: string, at = Date.now()): number {
  const usd = priceOf(base, at);
  if (quote === 'USD' || quote === 'USDT' || quote === 'USDC') {
    return usd;
  }
  return quote === 'EUR' ? usd / EUR_IN_USD : usd / priceOf(quote, at);
}

/** Candles ending now, oldest first, of the coin in USD or in `quote`. */
export function candles(
  symbol: string,
  intervalMs: number,
  count: number,
  end = Date.now(),
  quote = 'USD',
) {
  const lastOpen = Math.floor(end / intervalMs) * intervalMs;
  return Array.from({ length: count }, (_, i) => {
    const openTime = lastOpen - (count - 1 - i) * intervalMs;
    const open = pairPriceOf(symbol, quote, openTime);
    const close = pairPriceOf(symbol, quote, openTime + intervalMs - 1);
    return {
      openTime,
      open,
      high: Math.max(open, close) * 1.002,
      low: Math.min(open, close) * 0.998,
      close,
      volume: 100 + ((openTime / intervalMs) % 50),
    };
  });
}
