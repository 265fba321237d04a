import { Injectable } from '@nestjs/common';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig } from '../core/config';
import type { FearGreedPoint } from '../providers/provider.types';
import { ReadPath, type Sourced, type StoredRows } from '../providers/read-path/read-path.service';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import type { FearGreedPointDto, FearGreedResponseDto } from './dto/fear-greed.dto';
import { FearGreedStore } from './fear-greed.store';

/** Days fetched by the hourly job, so a missed day fills in on the next run. */
const COLLECTED_DAYS = 30;
/** A start-up collects when the last fetch is older than this (the hourly job's period). */
const FRESH_FOR_MS = 3_600_000;

/** The Crypto Fear & Greed Index (alternative.me): cached, every fetched day stored. */
@Injectable()
export class FearGreedService {
  private readonly collectedListeners = new Set<() => void>();

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly cache: CacheService,
    private readonly readPath: ReadPath,
    private readonly store: FearGreedStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async index(limit: number): Promise<FearGreedResponseDto> {
    const { value: points, meta } = await this.readPath.read({
      key: `fear-greed:${limit}`,
      ttlSeconds: this.config.cacheTtlSeconds.fearGreed,
      fetch: () => this.fetch(limit),
      stored: () => this.stored(limit),
    });
    const [newest] = points;
    return {
      data: {
        current: { ...toDto(newest), time_until_update_seconds: newest.timeUntilUpdateSeconds },
        history: points.map(toDto),
      },
      meta,
    };
  }

  /** The hourly job: the last days, upserted; then whoever shows the index is told. */
  async collect(): Promise<number> {
    this.cache.invalidate('fear-greed:');
    const { value: points } = await this.fetch(COLLECTED_DAYS);
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

  private async fetch(limit: number): Promise<Sourced<FearGreedPoint[]>> {
    const { data, provider, attempted } = await this.registry.execute('fear-greed', (api, ctx) =>
      api.getIndex({ limit, ctx }),
    );
    await this.store.upsert(data, provider);
    return { value: data, provider, attempted };
  }

  /** The newest stored days, as of when the newest was fetched. */
  private async stored(limit: number): Promise<StoredRows<FearGreedPoint[]> | undefined> {
    const { points, fetchedAt } = await this.store.newest(limit);
    return points.length > 0 && fetchedAt ? { value: points, newest: fetchedAt } : undefined;
  }
}

function toDto(p: FearGreedPoint): FearGreedPointDto {
  return {
    value: p.value,
    classification: p.classification,
    timestamp: p.timestamp.toISOString(),
  };
}
