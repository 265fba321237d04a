import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, MoreThanOrEqual, type Repository } from 'typeorm';
import { MarketSnapshot } from './entities/market-snapshot.entity';

export type NewSnapshot = Omit<MarketSnapshot, 'id'>;

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

  /** Stores a snapshot, in the given transaction if any; failures are the caller's. */
  async insert(snapshot: NewSnapshot, manager: EntityManager = this.repo.manager): Promise<void> {
    await manager.insert(MarketSnapshot, snapshot);
  }

  /** Stores a snapshot fetched on the request path: a failure is logged, the answer still served. */
  async save(snapshot: NewSnapshot): Promise<void> {
    try {
      await this.insert(snapshot);
    } catch (error) {
      this.logger.warn(`could not store a market snapshot: ${(error as Error).message}`);
    }
  }
}
