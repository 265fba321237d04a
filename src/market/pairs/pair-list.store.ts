import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ListedPair } from '../../providers/provider.types';
import { ExchangePairRecord } from '../entities/exchange-pair.entity';

const INSERT_CHUNK = 200;

/** Each exchange's stored pair list (`exchange_pairs`), replaced as a whole per exchange. */
@Injectable()
export class PairListStore {
  constructor(
    @InjectRepository(ExchangePairRecord) private readonly repo: Repository<ExchangePairRecord>,
  ) {}

  /** When each exchange's list was fetched (exchanges without one are absent). */
  async fetchedAt(): Promise<Map<string, Date>> {
    const rows: { exchange: string; fetchedAt: string | number }[] = await this.repo
      .createQueryBuilder('p')
      .select('p.exchange', 'exchange')
      .addSelect('MIN(p.fetched_at)', 'fetchedAt')
      .groupBy('p.exchange')
      .getRawMany();
    return new Map(rows.map((r) => [r.exchange, new Date(Number(r.fetchedAt))]));
  }

  /** Swaps one exchange's list in a transaction, so a lookup never sees half of it. */
  async replace(exchange: string, pairs: readonly ListedPair[], at: Date): Promise<void> {
    const unique = new Map(pairs.map((p) => [p.symbol, p]));
    const rows = [...unique.values()].map((p) => ({ exchange, ...p, fetchedAt: at }));
    await this.repo.manager.transaction(async (manager) => {
      await manager.delete(ExchangePairRecord, { exchange });
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await manager.insert(ExchangePairRecord, rows.slice(i, i + INSERT_CHUNK));
      }
    });
  }

  /** The listings of any of these base/quote splits, at every exchange. */
  async find(splits: readonly { base: string; quote: string }[]): Promise<ExchangePairRecord[]> {
    return splits.length === 0 ? [] : this.repo.find({ where: [...splits] });
  }
}
