import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { FearGreedPoint } from '../providers/provider.types';
import { FearGreedDay } from './entities/fear-greed.entity';

/** `fear_greed`: one row per day, upserted, so repeated fetches never duplicate a day. */
@Injectable()
export class FearGreedStore {
  constructor(@InjectRepository(FearGreedDay) private readonly repo: Repository<FearGreedDay>) {}

  async upsert(points: readonly FearGreedPoint[], provider: string): Promise<void> {
    const fetchedAt = new Date();
    await this.repo.upsert(
      points.map((p) => ({
        day: p.timestamp,
        value: p.value,
        classification: p.classification,
        provider,
        fetchedAt,
      })),
      ['day'],
    );
  }

  /** The newest days, newest first. */
  async newest(limit: number): Promise<{ points: FearGreedPoint[]; fetchedAt: Date | null }> {
    const rows = await this.repo.find({ order: { day: 'DESC' }, take: limit });
    return {
      points: rows.map((r) => ({
        value: r.value,
        classification: r.classification,
        timestamp: r.day,
        timeUntilUpdateSeconds: null,
      })),
      fetchedAt: rows[0]?.fetchedAt ?? null,
    };
  }
}
