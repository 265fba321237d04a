import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { PricePoint } from '../providers/provider.types';
import { Price } from './entities/price.entity';
import type { StoredSpan } from './history-range';

/** Averages of nullable columns: null when no row of the bucket had a value. */
interface Averages {
  volume: string | number | null;
  cap: string | number | null;
}

const nullableNumber = (value: string | number | null): number | null =>
  value === null ? null : Number(value);

/** Reads stored prices as time buckets; the same integer arithmetic on SQLite and PostgreSQL. */
@Injectable()
export class PriceHistoryStore {
  constructor(@InjectRepository(Price) private readonly repo: Repository<Price>) {}

  /** The first and last stored times within [from, to]; both null when the range holds nothing. */
  async span(symbol: string, from: Date, to: Date): Promise<StoredSpan> {
    const row = await this.repo
      .createQueryBuilder('p')
      .select('MIN(p.timestamp)', 'earliest')
      .addSelect('MAX(p.timestamp)', 'latest')
      .where('p.symbol = :symbol AND p.timestamp BETWEEN :from AND :to', {
        symbol,
        from: from.getTime(),
        to: to.getTime(),
      })
      .getRawOne<{ earliest: string | number | null; latest: string | number | null }>();
    const time = (value: string | number | null | undefined) =>
      value === null || value === undefined ? null : new Date(Number(value));
    return { earliest: time(row?.earliest), latest: time(row?.latest) };
  }

  async buckets(params: {
    symbol: string;
    from: Date;
    to: Date;
    bucketMs: number;
  }): Promise<PricePoint[]> {
    const rows = await this.repo
      .createQueryBuilder('p')
      .select('p.timestamp - (p.timestamp % :bucket)', 'bucket')
      .addSelect('AVG(p.price)', 'price')
      .addSelect('AVG(p.volume_24h)', 'volume')
      .addSelect('AVG(p.market_cap)', 'cap')
      .where('p.symbol = :symbol AND p.timestamp BETWEEN :from AND :to', {
        symbol: params.symbol,
        from: params.from.getTime(),
        to: params.to.getTime(),
        bucket: params.bucketMs,
      })
      .groupBy('bucket')
      .orderBy('bucket', 'ASC')
      .getRawMany<{ bucket: string | number; price: string | number } & Averages>();
    return rows.map((r) => ({
      timestamp: new Date(Number(r.bucket)),
      price: Number(r.price),
      volume24h: nullableNumber(r.volume),
      marketCap: nullableNumber(r.cap),
    }));
  }

  async saveHistory(
    symbol: string,
    points: readonly PricePoint[],
    provider: string,
  ): Promise<void> {
    const rows = points.map((p) => ({
      symbol,
      price: p.price,
      volume24h: p.volume24h ?? null,
      marketCap: p.marketCap ?? null,
      change24h: null,
      provider,
      timestamp: p.timestamp,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await this.repo.insert(rows.slice(i, i + 500));
    }
  }
}
