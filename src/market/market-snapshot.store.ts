import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThanOrEqual, type Repository } from 'typeorm';
import { MarketSnapshot } from './entities/market-snapshot.entity';

/** Writes the market overview to `market_snapshots` whenever it is fetched from upstream. */
@Injectable()
export class MarketSnapshotStore {
  private readonly logger = new Logger(MarketSnapshotStore.name);

  constructor(
    @InjectRepository(MarketSnapshot) private readonly repo: Repository<MarketSnapshot>,
  ) {}

  async since(from: Date): Promise<MarketSnapshot[]> {
    return this.repo.find({
      where: { timestamp: MoreThanOrEqual(from) },
      order: { timestamp: 'ASC' },
    });
  }

  async save(snapshot: Omit<MarketSnapshot, 'id'>): Promise<void> {
    try {
      await this.repo.insert(snapshot);
    } catch (error) {
      this.logger.warn(`could not store a market snapshot: ${(error as Error).message}`);
    }
  }
}
