import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CoinDetail } from '../../providers/provider.types';
import { CoinDetailRecord } from '../entities/coin-detail.entity';

export interface StoredDetail {
  detail: CoinDetail;
  fetchedAt: Date;
  provider: string;
}

/** The last record fetched per coin (`coin_details`): one row per coin, overwritten. */
@Injectable()
export class CoinDetailStore {
  constructor(
    @InjectRepository(CoinDetailRecord) private readonly repo: Repository<CoinDetailRecord>,
  ) {}

  async get(id: string): Promise<StoredDetail | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row
      ? {
          detail: JSON.parse(row.detail) as CoinDetail,
          fetchedAt: row.fetchedAt,
          provider: row.provider,
        }
      : undefined;
  }

  async save(stored: StoredDetail): Promise<void> {
    await this.repo.upsert(
      {
        id: stored.detail.id,
        detail: JSON.stringify(stored.detail),
        fetchedAt: stored.fetchedAt,
        provider: stored.provider,
      },
      ['id'],
    );
  }
}
