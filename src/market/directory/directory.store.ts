import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import type { DirectoryCoin } from '../../providers/provider.types';
import { DirectoryCoinRecord } from '../entities/directory-coin.entity';

/**
 * Rows per INSERT: 5 parameters each, far below SQLite's 32,766 and PostgreSQL's 65,535 bound
 * parameters, and few enough statements (~17 for CoinGecko's list) to keep a refresh quick.
 */
const UPSERT_CHUNK = 1_000;

/** The stored full coin list (`coin_directory`). */
@Injectable()
export class DirectoryStore {
  constructor(
    @InjectRepository(DirectoryCoinRecord) private readonly repo: Repository<DirectoryCoinRecord>,
  ) {}

  async all(): Promise<{ coins: DirectoryCoin[]; updatedAt: Date | null }> {
    const rows = await this.repo.find();
    let updatedAt: Date | null = null;
    const coins = rows.map((r) => {
      updatedAt = updatedAt === null || r.updatedAt > updatedAt ? r.updatedAt : updatedAt;
      return { id: r.id, symbol: r.symbol, name: r.name, platforms: parsePlatforms(r.platforms) };
    });
    return { coins, updatedAt };
  }

  /**
   * Upserts the list in multi-row statements (INSERT … ON CONFLICT DO UPDATE on both dialects)
   * and removes coins it no longer lists, in one transaction: readers see the old list or the
   * new one, never half of each.
   */
  async replace(coins: readonly DirectoryCoin[], at: Date): Promise<void> {
    await this.repo.manager.transaction(async (manager) => {
      for (let i = 0; i < coins.length; i += UPSERT_CHUNK) {
        const rows = coins.slice(i, i + UPSERT_CHUNK).map((c) => ({
          id: c.id,
          symbol: c.symbol,
          name: c.name,
          platforms: JSON.stringify(c.platforms),
          updatedAt: at,
        }));
        await manager
          .createQueryBuilder()
          .insert()
          .into(DirectoryCoinRecord)
          .values(rows)
          .orUpdate(['symbol', 'name', 'platforms', 'updated_at'], ['id'])
          .execute();
      }
      await manager.delete(DirectoryCoinRecord, { updatedAt: LessThan(at) });
    });
  }
}

function parsePlatforms(json: string): Record<string, string> {
  const value: unknown = JSON.parse(json);
  return value !== null && typeof value === 'object' ? (value as Record<string, string>) : {};
}
