import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, type EntityManager, MoreThanOrEqual, type Repository } from 'typeorm';
import type { ProtocolTvl, TvlPoint } from '../providers/provider.types';
import { DefiProtocol } from './entities/defi-protocol.entity';
import { DefiTvlDay } from './entities/tvl-day.entity';

export interface StoredRun {
  protocols: ProtocolTvl[];
  provider: string;
  at: Date;
}

/** `defi_protocols` (one row per protocol per collector run) and `defi_tvl_daily`. */
@Injectable()
export class DefiStore {
  constructor(
    @InjectRepository(DefiProtocol) private readonly protocols: Repository<DefiProtocol>,
    @InjectRepository(DefiTvlDay) private readonly days: Repository<DefiTvlDay>,
  ) {}

  /** In the given transaction if any (a collector run). */
  async saveRun(run: StoredRun, manager: EntityManager = this.protocols.manager): Promise<void> {
    await manager.insert(
      DefiProtocol,
      run.protocols.map((p) => ({
        name: p.name,
        slug: p.slug,
        tvl: p.tvl,
        chain: p.chain,
        chains: p.chains,
        symbol: p.symbol,
        category: p.category,
        change1d: p.change1d,
        change7d: p.change7d,
        timestamp: run.at,
      })),
    );
  }

  /** The protocols of the newest stored run, largest TVL first. */
  async latestRun(): Promise<{ protocols: ProtocolTvl[]; at: Date } | undefined> {
    const newest = await this.protocols.findOne({ where: {}, order: { timestamp: 'DESC' } });
    if (!newest) {
      return undefined;
    }
    const rows = await this.protocols.find({
      where: { timestamp: newest.timestamp },
      order: { tvl: 'DESC' },
    });
    return { protocols: rows.map(toProtocol), at: newest.timestamp };
  }

  /** Every stored row of one protocol, oldest first. */
  async protocolRows(slug: string): Promise<DefiProtocol[]> {
    return this.protocols.find({ where: { slug }, order: { timestamp: 'ASC' } });
  }

  /** In the given transaction if any (a collector run). */
  async upsertDays(
    points: readonly TvlPoint[],
    provider: string,
    manager: EntityManager = this.days.manager,
  ): Promise<void> {
    const updatedAt = new Date();
    const rows = points.map((p) => ({ day: startOfDay(p.date), tvl: p.tvl, provider, updatedAt }));
    for (let i = 0; i < rows.length; i += 500) {
      await manager.upsert(DefiTvlDay, rows.slice(i, i + 500), ['day']);
    }
  }

  async daysBetween(from: Date, to: Date): Promise<TvlPoint[]> {
    const rows = await this.days.find({
      where: { day: Between(from, to) },
      order: { day: 'ASC' },
    });
    return rows.map((r) => ({ date: r.day, tvl: r.tvl }));
  }

  async earliestDaySince(from: Date): Promise<Date | undefined> {
    const row = await this.days.findOne({
      where: { day: MoreThanOrEqual(from) },
      order: { day: 'ASC' },
    });
    return row?.day;
  }
}

export function startOfDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 86_400_000) * 86_400_000);
}

export function toProtocol(row: DefiProtocol): ProtocolTvl {
  return {
    name: row.name,
    slug: row.slug,
    tvl: row.tvl,
    chain: row.chain,
    chains: row.chains,
    symbol: row.symbol,
    category: row.category,
    change1d: row.change1d,
    change7d: row.change7d,
  };
}
