import { Injectable } from '@nestjs/common';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig } from '../core/config';
import { responseMeta } from '../core/web/response-meta';
import type { FearGreedPoint } from '../providers/provider.types';
import {
  AllProvidersFailedError,
  type ProviderAttempt,
} from '../providers/registry/provider-attempt';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import type { FearGreedPointDto, FearGreedResponseDto } from './dto/fear-greed.dto';
import { FearGreedStore } from './fear-greed.store';

/** Days fetched by the hourly job, so a missed day fills in on the next run. */
const COLLECTED_DAYS = 30;
/** How old the newest stored day may be to stand in when the upstream fails. */
const STORED_MAX_AGE_MS = 48 * 3_600_000;
/** A start-up collects when the last fetch is older than this (the hourly job's period). */
const FRESH_FOR_MS = 3_600_000;

interface Fetched {
  points: FearGreedPoint[];
  provider: string;
  attempted: ProviderAttempt[];
}

/** The Crypto Fear & Greed Index (alternative.me): cached, every fetched day stored. */
@Injectable()
export class FearGreedService {
  private readonly collectedListeners = new Set<() => void>();

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly cache: CacheService,
    private readonly store: FearGreedStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async index(limit: number): Promise<FearGreedResponseDto> {
    const result = await this.cache.getOrLoad(
      `fear-greed:${limit}`,
      { ttlSeconds: this.config.cacheTtlSeconds.fearGreed, fallback: (e) => this.stored(limit, e) },
      () => this.fetch(limit),
    );
    const { points, provider, attempted } = result.value;
    const [newest] = points;
    return {
      data: {
        current: { ...toDto(newest), time_until_update_seconds: newest.timeUntilUpdateSeconds },
        history: points.map(toDto),
      },
      meta: responseMeta(result, { provider, attempted }),
    };
  }

  /** The hourly job: the last days, upserted; then whoever shows the index is told. */
  async collect(): Promise<number> {
    this.cache.invalidate('fear-greed:');
    const { points } = await this.fetch(COLLECTED_DAYS);
    this.collectedListeners.forEach((listener) => listener());
    return points.length;
  }

  /** Nothing stored, or not fetched within the last hour: the start-up should collect. */
  async isStale(): Promise<boolean> {
    const { fetchedAt } = await this.store.newest(1);
    return !fetchedAt || Date.now() - fetchedAt.getTime() > FRESH_FOR_MS;
  }

  /** Called after each collection, so summaries that include the index can be sent again. */
  onCollected(listener: () => void): void {
    this.collectedListeners.add(listener);
  }

  private async fetch(limit: number): Promise<Fetched> {
    const { data, provider, attempted } = await this.registry.execute('fear-greed', (api, ctx) =>
      api.getIndex({ limit, ctx }),
    );
    await this.store.upsert(data, provider);
    return { points: data, provider, attempted };
  }

  private async stored(limit: number, error: unknown) {
    const { points, fetchedAt } = await this.store.newest(limit);
    const newest = points[0];
    if (!newest || !fetchedAt || Date.now() - newest.timestamp.getTime() > STORED_MAX_AGE_MS) {
      return undefined;
    }
    const attempted = error instanceof AllProvidersFailedError ? error.attempted : [];
    return { value: { points, provider: 'database', attempted }, storedAt: fetchedAt };
  }
}

function toDto(p: FearGreedPoint): FearGreedPointDto {
  return {
    value: p.value,
    classification: p.classification,
    timestamp: p.timestamp.toISOString(),
  };
}
