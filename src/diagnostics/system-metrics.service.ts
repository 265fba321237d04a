import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { statSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { type AppConfig, InjectConfig } from '../core/config';
import { HttpMetrics } from '../core/metrics/http-metrics';
import { ProviderDirectory } from '../providers/provider.directory';
import { RealtimeHub } from '../realtime/hub/realtime-hub.service';
import type { MetricsReportDto } from './dto/metrics.dto';
import { CpuMeter, diskSpace, memoryPercent, round1 } from './system-stats';

/** The figures behind GET /api/metrics. */
@Injectable()
export class SystemMetricsService {
  private readonly cpu = new CpuMeter();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly http: HttpMetrics,
    private readonly hub: RealtimeHub,
    private readonly providers: ProviderDirectory,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async report(): Promise<MetricsReportDto> {
    const disk = await diskSpace(this.config.paths.dataDir);
    return {
      cpu_percent: this.cpu.percent(),
      memory_percent: round1(memoryPercent()),
      disk_percent: round1((1 - disk.freeBytes / disk.totalBytes) * 100),
      database_size_mb: round1((await this.databaseBytes()) / 1048576),
      active_requests: this.http.activeRequests,
      websocket_connections: this.hub.stats().connections,
      provider_stats: this.providers.all().map((runtime) => {
        const stats = runtime.health.stats();
        return {
          id: runtime.id,
          status: runtime.status(),
          health_score: runtime.score(),
          breaker: runtime.breakerState,
          success_rate: stats.successRate,
          latency_p95_ms: stats.latencyP95Ms,
        };
      }),
    };
  }

  private async databaseBytes(): Promise<number> {
    const { database } = this.config;
    if (database.type === 'sqlite') {
      return [database.file, `${database.file}-wal`]
        .map((file) => {
          try {
            return statSync(file).size;
          } catch {
            return 0;
          }
        })
        .reduce((a, b) => a + b, 0);
    }
    const [row] = await this.dataSource.query<{ size: string }[]>(
      'SELECT pg_database_size(current_database()) AS size',
    );
    return Number(row.size);
  }
}
