import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { PriceQuote } from '../providers/provider.types';
import { Price } from './entities/price.entity';

export interface QuoteBatch {
  quotes: readonly PriceQuote[];
  provider: string;
}

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

  /** Quotes fetched on the request path: a failure to store them is logged, never served. */
  async saveMany(batches: readonly QuoteBatch[]): Promise<void> {
    try {
      await this.insertMany(batches);
    } catch (error) {
      const count = batches.reduce((sum, b) => sum + b.quotes.length, 0);
      this.logger.warn(`could not store ${count} prices: ${(error as Error).message}`);
    }
  }

  /**
   * One insert (one statement, so all or nothing) for the quotes of several providers, in the
   * given transaction if any (a collector run); failures are the caller's.
   */
  async insertMany(
    batches: readonly QuoteBatch[],
    manager: EntityManager = this.repo.manager,
  ): Promise<void> {
    const rows = batches.flatMap(({ quotes, provider }) =>
      quotes.map((q) => ({
        symbol: q.symbol,
        price: q.price,
        volume24h: q.volume24h,
        marketCap: q.marketCap,
        change24h: q.change24h,
        provider,
        timestamp: q.lastUpdated,
      })),
    );
    if (rows.length > 0) {
      await manager.insert(Price, rows);
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
