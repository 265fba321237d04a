import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ProviderCategory } from '../../core/config';
import { PoolMember } from '../entities/pool-member.entity';
import { ProviderPool } from '../entities/provider-pool.entity';
import type { PoolStrategy } from './pool-strategy';

export interface StoredPool {
  id: number;
  name: string;
  category: ProviderCategory;
  strategy: PoolStrategy;
  createdAt: Date;
  members: { providerDbId: number; weight: number; position: number }[];
}

/** All database access for `pools` and `pool_members`. */
@Injectable()
export class PoolStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<StoredPool[]> {
    const pools = await this.dataSource.getRepository(ProviderPool).find({ order: { id: 'ASC' } });
    const members = await this.dataSource
      .getRepository(PoolMember)
      .find({ order: { position: 'ASC', id: 'ASC' } });
    return pools.map((pool) => ({
      id: pool.id,
      name: pool.name,
      category: pool.category as ProviderCategory,
      strategy: pool.strategy as PoolStrategy,
      createdAt: pool.createdAt,
      members: members
        .filter((m) => m.poolId === pool.id)
        .map((m) => ({ providerDbId: m.providerId, weight: m.weight, position: m.position })),
    }));
  }

  async create(pool: Omit<StoredPool, 'id' | 'createdAt'>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(ProviderPool).save({
        name: pool.name,
        category: pool.category,
        strategy: pool.strategy,
        createdAt: new Date(),
      });
      await manager.getRepository(PoolMember).insert(
        pool.members.map((m) => ({
          poolId: saved.id,
          providerId: m.providerDbId,
          weight: m.weight,
          position: m.position,
        })),
      );
      return saved.id;
    });
  }

  /** Appends a provider to a pool, after its current members. */
  async addMember(poolId: number, providerDbId: number): Promise<void> {
    const members = this.dataSource.getRepository(PoolMember);
    const last = await members.findOne({ where: { poolId }, order: { position: 'DESC' } });
    await members.insert({
      poolId,
      providerId: providerDbId,
      weight: 1,
      position: (last?.position ?? -1) + 1,
    });
  }

  async nameTaken(name: string): Promise<boolean> {
    return this.dataSource.getRepository(ProviderPool).existsBy({ name });
  }

  async delete(id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(PoolMember).delete({ poolId: id });
      await manager.getRepository(ProviderPool).delete({ id });
    });
  }
}
