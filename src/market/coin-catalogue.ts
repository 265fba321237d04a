import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig, type KnownCoin } from '../core/config';

/** The coins the service knows (config/coins.json), looked up by ticker. */
@Injectable()
export class CoinCatalogue {
  private readonly bySymbol: ReadonlyMap<string, KnownCoin>;

  constructor(@InjectConfig() config: AppConfig) {
    this.bySymbol = new Map(config.catalogue.coins.map((c) => [c.symbol, c]));
  }

  find(symbol: string): KnownCoin | undefined {
    return this.bySymbol.get(symbol.toUpperCase());
  }

  /** Splits tickers into known coins (first occurrence order) and unknown tickers. */
  resolve(symbols: readonly string[]): { known: KnownCoin[]; unknown: string[] } {
    const known = new Map<string, KnownCoin>();
    const unknown: string[] = [];
    for (const raw of symbols) {
      const symbol = raw.toUpperCase();
      const coin = this.bySymbol.get(symbol);
      if (coin) {
        known.set(symbol, coin);
      } else if (!unknown.includes(symbol)) {
        unknown.push(symbol);
      }
    }
    return { known: [...known.values()], unknown };
  }
}
