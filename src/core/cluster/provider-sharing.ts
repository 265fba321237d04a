import { Injectable } from '@nestjs/common';
import { type LimiterFactory, sharedLimiter } from '../redis/redis-limiter';
import { RedisConnection } from '../redis/redis.connection';
import { ClusterBus, type ClusterMessages } from './cluster-bus';

export type CoolingNotice = ClusterMessages['provider-cooling'];

/**
 * What replicas share about upstream providers, so N replicas together stay within a provider's
 * quota: request budgets counted in Redis, and Retry-After cool-downs and breaker openings
 * announced to every replica. Without REDIS_URL: in-memory budgets, nothing announced.
 */
@Injectable()
export class ProviderSharing {
  readonly newLimiter: LimiterFactory;

  constructor(
    redis: RedisConnection,
    private readonly bus: ClusterBus,
  ) {
    this.newLimiter = sharedLimiter(redis);
  }

  announce(notice: CoolingNotice): void {
    void this.bus.publish('provider-cooling', notice);
  }

  /** Cool-downs another replica met. */
  onCooling(listener: (notice: CoolingNotice) => void): void {
    this.bus.on('provider-cooling', listener);
  }
}
