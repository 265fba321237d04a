import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, type EntityManager, MoreThanOrEqual, type Repository } from 'typeorm';
import type { Candle, CandleInterval } from '../providers/provider.types';
import { Ohlcv } from './entities/ohlcv.entity';

export interface CandleBatch {
  symbol: string;
  interval: CandleInterval;
  candles: readonly Candle[];
  provider: string;
}

/** Candles in `ohlcv`: one row per symbol, interval and open time. */
@Injectable()
export class OhlcvStore {
  private readonly logger = new Logger(OhlcvStore.name);

  constructor(@InjectRepository(Ohlcv) private readonly repo: Repository<Ohlcv>) {}

  /** Candles fetched on the request path: a failure to store them is logged, never served. */
  async upsert(params: CandleBatch): Promise<void> {
    try {
      await this.insertOrUpdate(params);
    } catch (error) {
      this.logger.warn(
        `could not store ${params.candles.length} candles: ${(error as Error).message}`,
      );
    }
  }

  /** Upserts one batch, in the given transaction if any (a collector run); failures are the caller's. */
  async insertOrUpdate(
    params: CandleBatch,
    manager: EntityManager = this.repo.manager,
  ): Promise<void> {
    // Candles without a volume (CoinGecko) are served but not stored: the column means real volume.
    const rows = params.candles
      .filter((c): c is Candle & { volume: number } => c.volume !== null)
      .map((c) => ({
        symbol: params.symbol,
        interval: params.interval,
        openTime: c.openTime,
        open: c.open,
        high: c.high,
        low: c.low,
        close: c.close,
        volume: c.volume,
        provider: params.provider,
      }));
    if (rows.length > 0) {
      await manager.upsert(Ohlcv, rows, ['symbol', 'interval', 'openTime']);
    }
  }

  /**
   * Stored candles opened since `since` (up to `until`, for a range), oldest first: the first
   * `limit` of a range, else the newest `limit`.
   */
  async latest(params: {
    symbol: string;
    interval: CandleInterval;
    limit: number;
    since: Date;
    until?: Date;
  }): Promise<(Candle & { provider: string })[]> {
    const { until } = params;
    const rows = await this.repo.find({
      where: {
        symbol: params.symbol,
        interval: params.interval,
        openTime: until ? Between(params.since, until) : MoreThanOrEqual(params.since),
      },
      order: { openTime: until ? 'ASC' : 'DESC' },
      take: params.limit,
    });
    return (until ? rows : rows.reverse()).map((r) => ({
      openTime: r.openTime,
      open: r.open,
      high: r.high,
      low: r.low,
      close: r.close,
      volume: r.volume,
      provider: r.provider,
    }));
  }
}
