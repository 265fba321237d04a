import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig } from '../core/config';
import { JobScheduler } from '../core/jobs';
import { HttpMetrics } from '../core/metrics/http-metrics';
import { ProviderDirectory } from '../providers/provider.directory';
import { PriceFeed } from '../realtime/feed/price-feed.service';
import { RealtimeHub } from '../realtime/hub/realtime-hub.service';
import { ModelManager } from '../sentiment/engine/model-manager.service';
import { modelsHealth } from '../sentiment/engine/models-health';
import type {
  ComponentHealthDto,
  DatabaseHealthDto,
  HealthReportDto,
  LivenessDto,
  ModelsHealthDto,
  ReadinessDto,
} from './dto/health-report.dto';
import { diskSpace, memoryPercent, round1 } from './system-stats';

const DATABASE_PING_TIMEOUT_MS = 1_000;
const MIN_FREE_DISK_BYTES = 500 * 1024 * 1024;

@Injectable()
export class HealthService {
  constructor(
    private readonly databaseIndicator: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly providers: ProviderDirectory,
    private readonly jobs: JobScheduler,
    private readonly cache: CacheService,
    private readonly hub: RealtimeHub,
    private readonly feed: PriceFeed,
    private readonly http: HttpMetrics,
    private readonly models: ModelManager,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  liveness(): LivenessDto {
    return {
      status: 'ok',
      uptime_seconds: Math.round(process.uptime()),
      timestamp: new Date().toISOString(),
    };
  }

  async readiness(): Promise<ReadinessDto> {
    const applied: unknown[] = await this.dataSource.query('SELECT id FROM migrations');
    return { status: 'ready', migrations: applied.length };
  }

  async report(): Promise<HealthReportDto> {
    const [database, disk] = await Promise.all([this.checkDatabase(), this.checkDisk()]);
    const components = {
      database,
      providers: this.checkProviders(),
      models: this.checkModels(),
      websocket: this.checkWebsocket(),
      cache: this.checkCache(),
      jobs: this.checkJobs(),
      disk,
      memory: this.checkMemory(),
    };
    const optional = Object.entries(components).filter(([name]) => name !== 'database');
    const impaired = optional.some(([, c]) => c.status === 'degraded' || c.status === 'down');
    const hour = this.http.lastHour();
    return {
      status: database.status !== 'up' ? 'error' : impaired ? 'degraded' : 'ok',
      timestamp: new Date().toISOString(),
      components,
      metrics: {
        uptime_seconds: Math.round(process.uptime()),
        active_connections: this.hub.stats().connections,
        request_count_1h: hour.count,
        average_response_time_ms: round1(hour.averageMs),
      },
    };
  }

  private async checkDatabase(): Promise<DatabaseHealthDto> {
    const started = performance.now();
    const result = await this.databaseIndicator.pingCheck('database', {
      timeout: DATABASE_PING_TIMEOUT_MS,
      connection: this.dataSource,
    });
    const ping = result.database as { status: string; message?: string };
    const { status, message } = ping.status === 'up' ? await this.checkDatabaseFile() : ping;
    return {
      status: status === 'up' ? 'up' : 'down',
      dialect: this.dataSource.options.type,
      response_time_ms: Math.round(performance.now() - started),
      ...(message ? { message } : {}),
    };
  }

  /**
   * The open SQLite connection keeps reading a file whose permissions changed, but a restart,
   * a backup or a second connection would not: the file must stay readable and writable.
   */
  private async checkDatabaseFile(): Promise<{ status: string; message?: string }> {
    const { database } = this.config;
    if (database.type !== 'sqlite') {
      return { status: 'up' };
    }
    try {
      await access(database.file, constants.R_OK | constants.W_OK);
      return { status: 'up' };
    } catch (error) {
      return {
        status: 'down',
        message: `cannot read and write ${database.file}: ${(error as Error).message}`,
      };
    }
  }

  private checkProviders(): ComponentHealthDto {
    const runtimes = this.providers.all().filter((r) => r.status() !== 'disabled');
    const unusable = runtimes.flatMap((r) => {
      const reason = r.unusableReason();
      return reason ? [`${r.id} (${reason})`] : [];
    });
    const usable = runtimes.length - unusable.length;
    const summary = `${usable} of ${runtimes.length} enabled providers usable`;
    const message =
      unusable.length > 0 ? `${summary}; not usable: ${unusable.join(', ')}` : summary;
    if (usable === 0) {
      return { status: 'down', message };
    }
    return { status: unusable.length > 0 ? 'degraded' : 'up', message };
  }

  private checkModels(): ModelsHealthDto {
    return modelsHealth(this.models.list(), this.models.enabled);
  }

  private checkWebsocket(): ComponentHealthDto {
    const { connections, subscriptions } = this.hub.stats();
    const stream = this.feed.streaming ? 'Binance stream up' : 'prices by polling';
    return {
      status: 'up',
      message: `${connections} connections, ${subscriptions} subscriptions, ${stream}`,
    };
  }

  private checkCache(): ComponentHealthDto {
    const { hits, misses } = this.cache.stats;
    return { status: 'up', message: `${hits} hits, ${misses} misses` };
  }

  private checkJobs(): ComponentHealthDto {
    const jobs = this.jobs.list();
    const failing = jobs.filter((j) => j.lastRun?.result === 'failed').map((j) => j.name);
    const scheduled = jobs.filter((j) => j.enabled).length;
    return failing.length > 0
      ? { status: 'degraded', message: `last run failed: ${failing.join(', ')}` }
      : { status: 'up', message: `${scheduled} of ${jobs.length} jobs scheduled` };
  }

  private async checkDisk(): Promise<ComponentHealthDto> {
    try {
      const { freeBytes, totalBytes } = await diskSpace(this.config.paths.dataDir);
      const message = `${Math.round(freeBytes / 1048576)} MB free of ${Math.round(totalBytes / 1048576)} MB`;
      const low = freeBytes < MIN_FREE_DISK_BYTES || freeBytes / totalBytes < 0.05;
      return { status: low ? 'degraded' : 'up', message };
    } catch (error) {
      return { status: 'down', message: `cannot read DATA_DIR: ${(error as Error).message}` };
    }
  }

  private checkMemory(): ComponentHealthDto {
    const percent = memoryPercent();
    const rssMb = Math.round(process.memoryUsage.rss() / 1048576);
    return {
      status: percent > 90 ? 'degraded' : 'up',
      message: `${round1(percent)} % of system memory in use; this process ${rssMb} MB`,
    };
  }
}
