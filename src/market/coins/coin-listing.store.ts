import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CoinListing } from '../../providers/provider.types';
import { CoinListingRecord } from '../entities/coin-listing.entity';

const INSERT_CHUNK = 200;

/** The stored market list (`coin_listings`): replaced as a whole on each refresh. */
@Injectable()
export class CoinListingStore {
  constructor(
    @InjectRepository(CoinListingRecord) private readonly repo: Repository<CoinListingRecord>,
  ) {}

  async all(): Promise<{ listings: CoinListing[]; updatedAt: Date | null }> {
    const rows = await this.repo.find();
    const updatedAt = rows.reduce<Date | null>(
      (latest, r) => (latest === null || r.updatedAt > latest ? r.updatedAt : latest),
      null,
    );
    return {
      listings: rows.map((r) => ({
        id: r.id,
        symbol: r.symbol,
        name: r.name,
        marketCap: r.marketCap,
        rank: r.marketCapRank,
      })),
      updatedAt,
    };
  }

  /** Swaps the whole list in one transaction, so readers never see half of it. */
  async replace(listings: readonly CoinListing[], at: Date): Promise<void> {
    const rows = listings.map((l) => ({
      id: l.id,
      symbol: l.symbol,
      name: l.name,
      marketCap: l.marketCap,
      marketCapRank: l.rank,
      updatedAt: at,
    }));
    await this.repo.manager.transaction(async (manager) => {
      await manager.createQueryBuilder().delete().from(CoinListingRecord).execute();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await manager.insert(CoinListingRecord, rows.slice(i, i + INSERT_CHUNK));
      }
    });
  }
}
