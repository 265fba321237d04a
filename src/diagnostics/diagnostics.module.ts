import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProvidersModule } from '../providers/providers.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { DiagnosticsController } from './diagnostics.controller';
import { DiagnosticsService } from './diagnostics.service';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { SystemMetricsService } from './system-metrics.service';

@Module({
  imports: [TerminusModule, ProvidersModule, RealtimeModule],
  controllers: [HealthController, MetricsController, DiagnosticsController],
  providers: [HealthService, SystemMetricsService, DiagnosticsService],
})
export class DiagnosticsModule {}
