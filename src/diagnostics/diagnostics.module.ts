import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProvidersModule } from '../providers/providers.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { DIAGNOSTIC_CHECK_CLASSES } from './checks';
import { DiagnosticsController } from './diagnostics.controller';
import { DiagnosticsService } from './diagnostics.service';
import { DiagnosticsStore } from './diagnostics.store';
import { DIAGNOSTIC_CHECKS, type DiagnosticCheck } from './diagnostics.types';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { SystemMetricsService } from './system-metrics.service';

@Module({
  imports: [TerminusModule, ProvidersModule, RealtimeModule],
  controllers: [HealthController, MetricsController, DiagnosticsController],
  providers: [
    HealthService,
    SystemMetricsService,
    DiagnosticsService,
    DiagnosticsStore,
    ...DIAGNOSTIC_CHECK_CLASSES,
    // Nest has no multi-providers: one token gathers every check class into a list.
    {
      provide: DIAGNOSTIC_CHECKS,
      useFactory: (...checks: DiagnosticCheck[]) => checks,
      inject: DIAGNOSTIC_CHECK_CLASSES,
    },
  ],
})
export class DiagnosticsModule {}
