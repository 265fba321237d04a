import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { PriceQuote } from '../providers/provider.types';
import { Price } from './entities/price.entity';

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
}
