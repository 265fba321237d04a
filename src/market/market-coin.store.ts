import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { MarketCoin } from '../providers/provider.types';
import { MarketCoinRecord } from './entities/market-coin.entity';

/** A market list as stored: its coins in rank order, fetched at one instant. */
export interface StoredMarketList {
  coins: MarketCoin[];
  /** Who gave each coin (one provider per list). */
  provider: string;
  fetchedAt: Date;
}

/** `market_coins`: every market list fetched from upstream, for answers when upstreams fail. */
@Injectable()
export class MarketCoinStore {
  private readonly logger = new Logger(MarketCoinStore.name);

  constructor(
    @InjectRepository(MarketCoinRecord) private readonly repo: Repository<MarketCoinRecord>,
  ) {}

  /** Stores a list, in the given transaction if any; failures are the caller's. */
  async insert(list: StoredMarketList, manager: EntityManager = this.repo.manager): Promise<void> {
    if (list.coins.length === 0) {
      return;
    }
    await manager.insert(
      MarketCoinRecord,
      list.coins.map((c) => ({
        rank: c.rank,
        coinId: c.id,
        symbol: c.symbol,
        name: c.name,
        price: c.price,
        change24h: c.change24h,
        change1h: c.change1h ?? null,
        change7d: c.change7d ?? null,
        volume24h: c.volume24h,
        marketCap: c.marketCap,
        lastUpdated: c.timeUnknown ? null : c.lastUpdated,
        provider: list.provider,
        timestamp: list.fetchedAt,
      })),
    );
  }

  /** Stores a list fetched on the request path: a failure is logged, the answer still served. */
  async save(list: StoredMarketList): Promise<void> {
    try {
      await this.insert(list);
    } catch (error) {
      this.logger.warn(`could not store a market list: ${(error as Error).message}`);
    }
  }

  /**
   * The newest stored list of at least `size` coins, else the newest list of any size (a shorter
   * answer beats none when every provider fails); undefined when nothing is stored.
   */
  async newest(size: number): Promise<StoredMarketList | undefined> {
    const fetchedAt = (await this.newestListTime(size)) ?? (await this.newestListTime(1));
    if (fetchedAt === undefined) {
      return undefined;
    }
    const rows = await this.repo.find({
      where: { timestamp: new Date(fetchedAt) },
      order: { id: 'ASC' },
    });
    return {
      coins: rows.map((r) => ({
        id: r.coinId,
        rank: r.rank,
        symbol: r.symbol,
        name: r.name,
        price: r.price,
        change24h: r.change24h,
        change1h: r.change1h,
        change7d: r.change7d,
        volume24h: r.volume24h,
        marketCap: r.marketCap,
        lastUpdated: r.lastUpdated ?? r.timestamp,
        ...(r.lastUpdated ? {} : { timeUnknown: true }),
      })),
      provider: rows[0].provider,
      fetchedAt: rows[0].timestamp,
    };
  }

  private async newestListTime(size: number): Promise<number | undefined> {
    const row = await this.repo
      .createQueryBuilder('c')
      .select('c.timestamp', 'timestamp')
      .groupBy('c.timestamp')
      .having('COUNT(*) >= :size', { size })
      .orderBy('c.timestamp', 'DESC')
      .limit(1)
      .getRawOne<{ timestamp: string | number }>();
    return row ? Number(row.timestamp) : undefined;
  }
}
