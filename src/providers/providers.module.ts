import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UpstreamHttpService } from '../core/http';
import { CoinListingsView } from './coin-ids/coin-listings.view';
import { ProviderMetrics } from './provider.metrics';
import { ApiCallRecorder } from './api-call.recorder';
import { ApiCallStats } from './api-call.stats';
import { ApiCall } from './entities/api-call.entity';
import { UpstreamProvider } from './entities/upstream-provider.entity';
import { ProviderHealthJob } from './health/provider-health.job';
import { ProviderHealthFlusher } from './health/provider-health.flusher';
import { PoolService } from './pools/pool.service';
import { PoolStore } from './pools/pool.store';
import { adapterProviders } from './upstreams/upstreams';
import { ProviderDirectory } from './provider.directory';
import { ProviderStore } from './provider.store';
import { PoolsController } from './pools.controller';
import { ProvidersController } from './providers.controller';
import { ProvidersService } from './providers.service';
import { ReadPath } from './read-path/read-path.service';
import { ProviderRegistry } from './registry/provider-registry';

/** Upstream adapters, the registry that picks and fails over among them, and their API. */
@Module({
  imports: [TypeOrmModule.forFeature([UpstreamProvider, ApiCall])],
  controllers: [ProvidersController, PoolsController],
  providers: [
    UpstreamHttpService,
    CoinListingsView,
    ...adapterProviders,
    ProviderStore,
    ProviderDirectory,
    ProviderHealthFlusher,
    ProviderHealthJob,
    ApiCallRecorder,
    ApiCallStats,
    PoolStore,
    PoolService,
    ProviderRegistry,
    ReadPath,
    ProvidersService,
    ProviderMetrics,
  ],
  exports: [
    ProviderRegistry,
    ReadPath,
    ProviderDirectory,
    PoolService,
    ApiCallRecorder,
    CoinListingsView,
  ],
})
export class ProvidersModule {}
