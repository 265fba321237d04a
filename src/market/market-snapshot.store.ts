import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, MoreThanOrEqual, type Repository } from 'typeorm';
import { MarketSnapshot } from './entities/market-snapshot.entity';
import { MarketCoinStore, type StoredMarketList } from './market-coin.store';

export type NewSnapshot = Omit<MarketSnapshot, 'id'>;

/** An overview as stored: the snapshot row and the top coins listed with it. */
export interface StoredOverview {
  snapshot: NewSnapshot;
  top: StoredMarketList;
}

/**
 * Writes the market overview to `market_snapshots` (and its top coins to `market_coins`) whenever
 * it is fetched from upstream.
 */
@Injectable()
export class MarketSnapshotStore {
  private readonly logger = new Logger(MarketSnapshotStore.name);

  constructor(
    @InjectRepository(MarketSnapshot) private readonly repo: Repository<MarketSnapshot>,
    private readonly coins: MarketCoinStore,
  ) {}

  async since(from: Date): Promise<MarketSnapshot[]> {
    return this.repo.find({
      where: { timestamp: MoreThanOrEqual(from) },
      order: { timestamp: 'ASC' },
    });
  }

  /** The newest snapshot with the newest list of at least `topSize` coins, if any is stored. */
  async newest(topSize: number): Promise<StoredOverview | undefined> {
    const [snapshot] = await this.repo.find({ order: { timestamp: 'DESC' }, take: 1 });
    const top = snapshot && (await this.coins.newest(topSize));
    return snapshot && top ? { snapshot, top } : undefined;
  }

  /** Stores an overview, in the given transaction if any; failures are the caller's. */
  async insert(
    overview: StoredOverview,
    manager: EntityManager = this.repo.manager,
  ): Promise<void> {
    await manager.insert(MarketSnapshot, overview.snapshot);
    await this.coins.insert(overview.top, manager);
  }

  /** Stores an overview fetched on the request path: a failure is logged, the answer still served. */
  async save(overview: StoredOverview): Promise<void> {
    try {
      await this.insert(overview);
    } catch (error) {
      this.logger.warn(`could not store a market snapshot: ${(error as Error).message}`);
    }
  }
}
