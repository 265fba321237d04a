import type { KnownCoin } from '../core/config';

interface Pattern {
  symbol: string;
  regex: RegExp;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds the known coins a text mentions: by ticker in capitals ("BTC", "$ETH") and by name as
 * written ("Bitcoin", "Shiba Inu"). Longer names are matched first and blanked, so
 * "Bitcoin Cash" tags BCH without also tagging BTC.
 */
export class CoinTagger {
  private readonly names: Pattern[];
  private readonly tickers: Pattern[];

  constructor(coins: readonly KnownCoin[]) {
    this.names = [...coins]
      .sort((a, b) => b.name.length - a.name.length)
      .map((c) => ({
        symbol: c.symbol,
        regex: new RegExp(`(?<![\\p{L}\\p{N}])${escape(c.name)}(?![\\p{L}\\p{N}])`, 'gu'),
      }));
    this.tickers = coins.map((c) => ({
      symbol: c.symbol,
      regex: new RegExp(`(?<![\\p{L}\\p{N}])\\$?${escape(c.symbol)}(?![\\p{L}\\p{N}])`, 'gu'),
    }));
  }

  /** Tickers mentioned, in the order of the coins list. */
  tag(text: string): string[] {
    const found = new Set<string>();
    let rest = text;
    for (const { symbol, regex } of this.names) {
      rest = rest.replace(regex, (match) => {
        found.add(symbol);
        return ' '.repeat(match.length);
      });
    }
    for (const { symbol, regex } of this.tickers) {
      regex.lastIndex = 0;
      if (regex.test(rest)) {
        found.add(symbol);
      }
    }
    return this.tickers.map((t) => t.symbol).filter((s) => found.has(s));
  }
}
