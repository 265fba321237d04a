import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PROVIDER_CATEGORIES, type ProviderCategory } from '../../core/config';
import { ProviderDirectory } from '../provider.directory';
import {
  type Candidate,
  newStrategyState,
  orderCandidates,
  type PoolStrategy,
  type StrategyState,
} from './pool-strategy';
import { PoolStore, type StoredPool } from './pool.store';

export interface PoolMemberView {
  provider: string;
  weight: number;
  position: number;
}

export interface PoolView {
  id: number;
  name: string;
  category: ProviderCategory;
  strategy: PoolStrategy;
  createdAt: Date;
  /** True for the pool the registry uses for its category (the newest one). */
  active: boolean;
  members: PoolMemberView[];
  /** The order the next call would try, given current health. */
  nextOrder: string[];
}

export interface NewPool {
  name: string;
  category: ProviderCategory;
  strategy: PoolStrategy;
  members?: { provider: string; weight?: number }[];
}

/**
 * Pools decide the order in which a category's providers are tried. Each category gets a default
 * `priority` pool on first start; the newest pool of a category is the one in use.
 */
@Injectable()
export class PoolService implements OnApplicationBootstrap {
  private pools: StoredPool[] = [];
  private readonly states = new Map<number, StrategyState>();

  constructor(
    private readonly store: PoolStore,
    private readonly directory: ProviderDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.pools = await this.store.list();
    for (const category of PROVIDER_CATEGORIES) {
      const providers = this.directory.forCategory(category);
      if (providers.length > 0 && !this.pools.some((p) => p.category === category)) {
        await this.store.create({
          name: category,
          category,
          strategy: 'priority',
          members: providers.map((r, position) => ({
            providerDbId: this.directory.dbIdOf(r.id),
            weight: 1,
            position,
          })),
        });
      }
    }
    this.pools = await this.store.list();
  }

  list(): PoolView[] {
    return this.pools.map((p) => this.view(p));
  }

  get(id: number): PoolView {
    return this.view(this.find(id));
  }

  async create(pool: NewPool): Promise<PoolView> {
    if (await this.store.nameTaken(pool.name)) {
      throw new ConflictException(`A pool named "${pool.name}" already exists`);
    }
    const members: { provider: string; weight?: number }[] =
      pool.members ?? this.directory.forCategory(pool.category).map((r) => ({ provider: r.id }));
    for (const member of members) {
      if (!this.directory.get(member.provider).definition.categories.includes(pool.category)) {
        throw new BadRequestException(
          `Provider "${member.provider}" does not serve ${pool.category}`,
        );
      }
    }
    const id = await this.store.create({
      name: pool.name,
      category: pool.category,
      strategy: pool.strategy,
      members: members.map((m, position) => ({
        providerDbId: this.directory.dbIdOf(m.provider),
        weight: m.weight ?? 1,
        position,
      })),
    });
    this.pools = await this.store.list();
    return this.get(id);
  }

  async delete(id: number): Promise<void> {
    this.find(id);
    await this.store.delete(id);
    this.states.delete(id);
    this.pools = await this.store.list();
  }

  /**
   * Puts a provider last in a pool of its category: the given one, else the category's active
   * pool. A provider already in the pool stays where it is.
   */
  /**
   * The pool a provider of a category would join: the given one, or the category's active pool.
   * Throws the 404 or 400 addMember would, so callers can check before any side effect.
   */
  targetPool(params: { category: ProviderCategory; poolId?: number }): PoolView {
    const pool =
      params.poolId === undefined ? this.activePool(params.category) : this.find(params.poolId);
    if (!pool) {
      throw new NotFoundException(
        `No ${params.category} pool exists; create one with POST /api/pools`,
      );
    }
    if (pool.category !== params.category) {
      throw new BadRequestException(
        `Pool ${pool.id} serves ${pool.category}, not ${params.category}`,
      );
    }
    return this.get(pool.id);
  }

  async addMember(params: {
    provider: string;
    category: ProviderCategory;
    poolId?: number;
  }): Promise<PoolView> {
    const pool = this.find(this.targetPool(params).id);
    const dbId = this.directory.dbIdOf(params.provider);
    if (!pool.members.some((m) => m.providerDbId === dbId)) {
      await this.store.addMember(pool.id, dbId);
      this.pools = await this.store.list();
    }
    return this.get(pool.id);
  }

  /** Moves the pool's starting point one provider on (round-robin) and returns the new view. */
  rotate(id: number): PoolView {
    this.stateOf(this.find(id).id).rotation += 1;
    return this.get(id);
  }

  /** The providers to try for one call of this category, in order. */
  orderFor(category: ProviderCategory): string[] {
    const pool = this.activePool(category);
    if (!pool) {
      return this.directory.forCategory(category).map((r) => r.id);
    }
    const order = orderCandidates(pool.strategy, this.candidates(pool), this.stateOf(pool.id));
    if (pool.strategy === 'round_robin') {
      this.stateOf(pool.id).rotation += 1;
    }
    return order;
  }

  private activePool(category: ProviderCategory): StoredPool | undefined {
    return this.pools.filter((p) => p.category === category).at(-1);
  }

  private candidates(pool: StoredPool): Candidate[] {
    return pool.members.flatMap((member) => {
      const id = this.directory.idOfDbId(member.providerDbId);
      if (!id) {
        return [];
      }
      const runtime = this.directory.get(id);
      return [
        {
          provider: id,
          position: member.position,
          weight: member.weight,
          score: runtime.score(),
          latencyMs: runtime.health.stats().latencyEwmaMs,
        },
      ];
    });
  }

  private view(pool: StoredPool): PoolView {
    const state = this.stateOf(pool.id);
    const preview = { rotation: state.rotation, currentWeights: new Map(state.currentWeights) };
    return {
      id: pool.id,
      name: pool.name,
      category: pool.category,
      strategy: pool.strategy,
      createdAt: pool.createdAt,
      active: this.activePool(pool.category)?.id === pool.id,
      members: pool.members.flatMap((m) => {
        const provider = this.directory.idOfDbId(m.providerDbId);
        return provider ? [{ provider, weight: m.weight, position: m.position }] : [];
      }),
      nextOrder: orderCandidates(pool.strategy, this.candidates(pool), preview),
    };
  }

  private find(id: number): StoredPool {
    const pool = this.pools.find((p) => p.id === id);
    if (!pool) {
      throw new NotFoundException(`Unknown pool ${id}; GET /api/pools lists them`);
    }
    return pool;
  }

  private stateOf(id: number): StrategyState {
    let state = this.states.get(id);
    if (!state) {
      state = newStrategyState();
      this.states.set(id, state);
    }
    return state;
  }
}
