import type { RedisState } from '../redis/redis.connection';
import type { LeaderState } from './leader-lock';

/**
 * The shared-state part of /api/health, present only with REDIS_URL: up while Redis answers;
 * degraded with the reason while it does not, saying what each replica then does on its own.
 */
export function clusterHealth(
  redis: RedisState,
  leader: LeaderState,
): { status: 'up' | 'degraded'; message: string } | undefined {
  if (!redis.configured) {
    return undefined;
  }
  const role = `replica ${leader.replica}, leader ${leader.leader ?? 'unknown'}`;
  if (redis.up) {
    return {
      status: 'up',
      message: `${role}; rate limits, cache, job lead and real-time events shared through Redis`,
    };
  }
  return {
    status: 'degraded',
    message:
      `Redis unreachable (${redis.reason ?? 'unknown'}): rate limits are counted per replica ` +
      `(up to N times each limit with N replicas), the cache and announcements are per replica ` +
      `until it returns; ${role}`,
  };
}
