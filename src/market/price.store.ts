import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { PriceQuote } from '../providers/provider.types';
import { Price } from './entities/price.entity';

export interface StoredQuote {
  quote: PriceQuote;
  provider: string;
}

/** Writes fetched quotes to `prices`, the source of price history. */
@Injectable()
export class PriceStore {
  private readonly logger = new Logger(PriceStore.name);

  constructor(@InjectRepository(Price) private readonly repo: Repository<Price>) {}

  async save(quotes: readonly PriceQuote[], provider: string): Promise<void> {
    await this.saveMany([{ quotes, provider }]);
  }

  /** One insert (one statement, so all or nothing) for the quotes of several providers. */
  async saveMany(
    batches: readonly { quotes: readonly PriceQuote[]; provider: string }[],
  ): Promise<void> {
    const rows = batches.flatMap(({ quotes, provider }) =>
      quotes.map((q) => ({ quote: q, provider })),
    );
    try {
      await this.repo.insert(
        rows.map(({ quote: q, provider }) => ({
          symbol: q.symbol,
          price: q.price,
          volume24h: q.volume24h,
          marketCap: q.marketCap,
          change24h: q.change24h,
          provider,
          timestamp: q.lastUpdated,
        })),
      );
    } catch (error) {
      this.logger.warn(`could not store ${rows.length} prices: ${(error as Error).message}`);
    }
  }

  /** The newest stored quote of each symbol since a time, with the provider that gave it. */
  async latest(symbols: readonly string[], since: Date): Promise<StoredQuote[]> {
    if (symbols.length === 0) {
      return [];
    }
    const rows = await this.repo
      .createQueryBuilder('p')
      .where('p.symbol IN (:...symbols) AND p.timestamp >= :since', {
        symbols,
        since: since.getTime(),
      })
      .andWhere('p.timestamp = (SELECT MAX(q.timestamp) FROM prices q WHERE q.symbol = p.symbol)')
      .getMany();
    const bySymbol = new Map(rows.map((r) => [r.symbol, r]));
    return [...bySymbol.values()].map((r) => ({
      quote: {
        symbol: r.symbol,
        name: r.symbol,
        price: r.price,
        change24h: r.change24h,
        volume24h: r.volume24h,
        marketCap: r.marketCap,
        lastUpdated: r.timestamp,
      },
      provider: r.provider,
    }));
  }
}
