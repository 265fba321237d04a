import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
} from 'rate-limiter-flexible';
import type { RedisConnection } from './redis.connection';

export interface LimiterOptions {
  points: number;
  /** Seconds. */
  duration: number;
  /** Seconds. */
  blockDuration?: number;
  /** Names the counters in Redis, so different uses never share one. */
  keyPrefix: string;
}

export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

export const memoryLimiter: LimiterFactory = ({ keyPrefix: _name, ...options }) =>
  new RateLimiterMemory(options);

/**
 * Counters in Redis (rate-limiter-flexible's atomic Redis limiter), exact across replicas. While
 * Redis is down each replica counts in memory instead (the insurance limiter): N replicas then
 * allow up to N times the limit, which health reports.
 */
export function sharedLimiter(redis: RedisConnection): LimiterFactory {
  const client = redis.client;
  if (!client) {
    return memoryLimiter;
  }
  return (options) =>
    new RateLimiterRedis({
      storeClient: client,
      rejectIfRedisNotReady: true,
      ...options,
      insuranceLimiter: memoryLimiter(options),
    });
}
