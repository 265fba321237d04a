import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProvidersModule } from '../providers/providers.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { SystemMetricsService } from './system-metrics.service';

@Module({
  imports: [TerminusModule, ProvidersModule, RealtimeModule],
  controllers: [HealthController, MetricsController],
  providers: [HealthService, SystemMetricsService],
})
export class DiagnosticsModule {}
