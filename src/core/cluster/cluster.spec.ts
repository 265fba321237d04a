import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppConfig } from '../config';
import { RedisConnection } from '../redis/redis.connection';
import { ClusterBus } from './cluster-bus';
import { clusterHealth } from './cluster-health';
import { LeaderLock } from './leader-lock';
import { SymbolInterest } from './symbol-interest';

const ALONE = {
  cluster: { keyPrefix: 'cdts:', lockTtlMs: 15_000, replicaId: 'only' },
} as AppConfig;

describe('cluster pieces without REDIS_URL', () => {
  const redis = new RedisConnection(ALONE);
  const bus = new ClusterBus(redis, ALONE);

  it('creates no client, and the one replica leads and claims every tick', async () => {
    assert.equal(redis.client, undefined);
    const lock = new LeaderLock(redis, ALONE);
    await lock.onModuleInit();
    assert.deepEqual(lock.state(), { replica: 'only', leader: 'only', leading: true });
    assert.equal(await lock.claimTick('prices', new Date()), true);
    assert.equal(await lock.claimTick('prices', new Date()), true);
  });

  it('publishes nothing and follows only its own symbols', async () => {
    assert.equal(bus.shared, false);
    assert.equal(await bus.publish('interest', { symbols: ['BTC'] }), false);
    const interest = new SymbolInterest(bus, redis);
    interest.onModuleInit();
    interest.follow(['ETH']);
    assert.deepEqual(interest.union(['SOL', 'BTC']), ['BTC', 'SOL']);
  });

  it('adds nothing to health', () => {
    assert.equal(
      clusterHealth(redis.state(), { replica: 'only', leader: 'only', leading: true }),
      undefined,
    );
  });
});

describe('clusterHealth', () => {
  const leader = { replica: 'api-1', leader: 'api-2', leading: false };

  it('is up while Redis answers, naming this replica and the leader', () => {
    assert.deepEqual(clusterHealth({ configured: true, up: true }, leader), {
      status: 'up',
      message:
        'replica api-1, leader api-2; rate limits, cache, job lead and real-time events shared through Redis',
    });
  });

  it('is degraded while Redis is down, with the reason and the per-replica limits', () => {
    const health = clusterHealth(
      { configured: true, up: false, reason: 'connect ECONNREFUSED 127.0.0.1:6379' },
      leader,
    );
    assert.equal(health?.status, 'degraded');
    assert.match(
      health?.message ?? '',
      /^Redis unreachable \(connect ECONNREFUSED 127\.0\.0\.1:6379\)/,
    );
    assert.match(
      health?.message ?? '',
      /rate limits are counted per replica \(up to N times each limit/,
    );
  });
});
