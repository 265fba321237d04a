import { hostname } from 'node:os';
import type { Env } from './env.schema';

export interface ClusterConfig {
  /** REDIS_URL; unset: one replica, every piece of shared state in-process. */
  redisUrl?: string;
  /** Put before every key and channel, so several deployments can share one Redis. */
  keyPrefix: string;
  /** The leader lock's lifetime: a replica that dies hands its jobs and stream over within it. */
  lockTtlMs: number;
  /** Names this replica in the leader lock, /api/jobs and health. */
  replicaId: string;
}

export function clusterConfig(env: Env): ClusterConfig {
  return {
    redisUrl: env.REDIS_URL,
    keyPrefix: env.REDIS_KEY_PREFIX,
    lockTtlMs: env.CLUSTER_LOCK_TTL_SECONDS * 1000,
    replicaId: env.REPLICA_ID ?? `${hostname()}:${process.pid}`,
  };
}
