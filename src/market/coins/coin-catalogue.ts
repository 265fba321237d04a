import { Injectable, NotFoundException } from '@nestjs/common';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../core/config';
import type { CoinListing } from '../../providers/provider.types';
import { buildCoinIndex, type CoinIndex } from './coin-index';

/**
 * The coins the service knows: config/coins.json merged with the stored CoinGecko market list.
 * A request token is a ticker ("BTC") or a CoinGecko id ("wrapped-bitcoin").
 */
@Injectable()
export class CoinCatalogue {
  private readonly configured: readonly KnownCoin[];
  private index: CoinIndex;

  constructor(@InjectConfig() config: AppConfig) {
    this.configured = config.catalogue.coins;
    this.index = buildCoinIndex(this.configured, []);
  }

  /** Replaces the market list the tickers resolve against. */
  useListings(listings: readonly CoinListing[]): void {
    this.index = buildCoinIndex(this.configured, listings);
  }

  get size(): number {
    return this.index.byId.size;
  }

  find(token: string): KnownCoin | undefined {
    return this.index.bySymbol.get(token.toUpperCase()) ?? this.index.byId.get(token.toLowerCase());
  }

  /** The coin a token names; a 404 saying what is accepted when none. */
  require(token: string): KnownCoin {
    const coin = this.find(token);
    if (!coin) {
      throw this.unknown(token);
    }
    return coin;
  }

  unknown(token: string): NotFoundException {
    return new NotFoundException(
      `Unknown symbol "${token}": not a ticker or CoinGecko id among the ${this.size} coins the service knows`,
    );
  }

  /** The largest coins by market cap (configured order until a list is stored). */
  top(count: number): KnownCoin[] {
    return this.index.ranked.slice(0, count);
  }

  /** Splits tokens into coins (first occurrence order, one per ticker) and unknown tokens. */
  resolve(tokens: readonly string[]): { known: KnownCoin[]; unknown: string[] } {
    const known = new Map<string, KnownCoin>();
    const unknown: string[] = [];
    for (const token of tokens) {
      const coin = this.find(token);
      if (coin) {
        known.set(coin.symbol, known.get(coin.symbol) ?? coin);
      } else if (!unknown.includes(token.toUpperCase())) {
        unknown.push(token.toUpperCase());
      }
    }
    return { known: [...known.values()], unknown };
  }
}
