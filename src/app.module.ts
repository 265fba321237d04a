import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CacheModule } from './core/cache';
import { ClusterModule } from './core/cluster/cluster.module';
import { AuthModule } from './auth/auth.module';
import { type AppConfig, AppConfigModule } from './core/config';
import { DatabaseModule } from './core/database';
import { DocsModule } from './core/docs';
import { JobsModule } from './core/jobs';
import { MetricsModule } from './core/metrics/metrics.module';
import { InfoModule } from './core/info/info.module';
import { LoggingModule } from './core/logging/logging.module';
import { HotPathModule } from './core/web/hot-path/hot-path.module';
import { WebModule } from './core/web/web.module';
import { AuthHotPathGate } from './auth/auth-hot-path.gate';
import { DashboardModule } from './dashboard/dashboard.module';
import { DefiModule } from './defi/defi.module';
import { DiscoveryModule } from './discovery/discovery.module';
import { FearGreedModule } from './fear-greed/fear-greed.module';
import { GasModule } from './gas/gas.module';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { MarketModule } from './market/market.module';
import { CurrenciesModule } from './currencies/currencies.module';
import { NewsModule } from './news/news.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RealtimePublisherModule } from './core/realtime/realtime.publisher';
import { OperationsModule } from './operations/operations.module';
import { ProvidersModule } from './providers/providers.module';
import { SentimentEngineModule } from './sentiment/engine/sentiment-engine.module';
import { SentimentModule } from './sentiment/sentiment.module';

@Module({})
export class AppModule {
  /** The whole application for one validated configuration (main.ts and the tests both use this). */
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule,
        WebModule,
        DatabaseModule,
        ClusterModule,
        CacheModule,
        MetricsModule,
        ScheduleModule.forRoot(),
        JobsModule,
        AuthModule,
        HotPathModule.forRoot({ gate: { module: AuthModule, useExisting: AuthHotPathGate } }),
        DocsModule,
        InfoModule,
        DashboardModule,
        DiagnosticsModule,
        ProvidersModule,
        CurrenciesModule,
        MarketModule,
        DefiModule,
        FearGreedModule,
        GasModule,
        NewsModule,
        RealtimePublisherModule,
        SentimentEngineModule,
        SentimentModule,
        RealtimeModule,
        OperationsModule,
        DiscoveryModule,
      ],
    };
  }
}
