import { Global, Module } from '@nestjs/common';
import { RedisConnection } from '../redis/redis.connection';
import { SharedCache } from '../redis/shared-cache.store';
import { ClusterBus } from './cluster-bus';
import { LeaderLock } from './leader-lock';
import { ProviderSharing } from './provider-sharing';
import { RealtimeRelay } from './realtime-relay';
import { SymbolInterest } from './symbol-interest';

/**
 * What replicas share through Redis (REDIS_URL): the connection, the announcement bus, the
 * leader lock, the data cache's shared level, followed symbols and real-time fan-out. Without REDIS_URL each piece is its
 * one-replica self and nothing connects.
 */
@Global()
@Module({
  providers: [
    RedisConnection,
    ClusterBus,
    LeaderLock,
    SharedCache,
    SymbolInterest,
    RealtimeRelay,
    ProviderSharing,
  ],
  exports: [RedisConnection, ClusterBus, LeaderLock, SharedCache, SymbolInterest, ProviderSharing],
})
export class ClusterModule {}
