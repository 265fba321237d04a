import type { ThrottlerStorage } from '@nestjs/throttler';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type LimiterFactory, memoryLimiter } from '../../core/redis/redis-limiter';
import type { RefundableStorage } from './rate-limit.service';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * A @nestjs/throttler storage with one counter per key and window (rate-limiter-flexible), so
 * counting costs the same at the thousandth request of a day as at the first. The library's
 * default storage keeps one timestamp per hit and filters them on every request, which a
 * 50,000-a-day tier cannot afford. The counters are in memory, or in Redis for several replicas
 * (the factory).
 */
export class WindowCounterStorage implements RefundableStorage {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly newLimiter: LimiterFactory = memoryLimiter) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    const limiter = this.limiter(ttl, limit, blockDuration);
    try {
      const result = await limiter.consume(key);
      return {
        totalHits: result.consumedPoints,
        timeToExpire: seconds(result.msBeforeNext),
        isBlocked: false,
        timeToBlockExpire: 0,
      };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        throw rejection;
      }
      return {
        totalHits: rejection.consumedPoints,
        timeToExpire: seconds(rejection.msBeforeNext),
        isBlocked: true,
        timeToBlockExpire: seconds(rejection.msBeforeNext),
      };
    }
  }

  /** Takes back one hit of a request another window refused; the window's expiry stays. */
  async refund(key: string, ttl: number, limit: number, blockDuration: number): Promise<void> {
    await this.limiter(ttl, limit, blockDuration).reward(key, 1);
  }

  private limiter(ttl: number, limit: number, blockDuration: number): RateLimiterAbstract {
    const id = `${ttl}:${limit}:${blockDuration}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.newLimiter({
        points: limit,
        duration: ttl / 1000,
        blockDuration: blockDuration / 1000,
        keyPrefix: `rl:${id}`,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
