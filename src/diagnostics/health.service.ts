import { Injectable } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DatabaseHealthDto, HealthReportDto, LivenessDto } from './dto/health-report.dto';

const DATABASE_PING_TIMEOUT_MS = 1_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly databaseIndicator: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  liveness(): LivenessDto {
    return {
      status: 'ok',
      uptime_seconds: Math.round(process.uptime()),
      timestamp: new Date().toISOString(),
    };
  }

  async report(): Promise<HealthReportDto> {
    const database = await this.checkDatabase();
    return {
      status: database.status === 'up' ? 'ok' : 'error',
      timestamp: new Date().toISOString(),
      components: { database },
    };
  }

  private async checkDatabase(): Promise<DatabaseHealthDto> {
    const started = performance.now();
    const result = await this.databaseIndicator.pingCheck('database', {
      timeout: DATABASE_PING_TIMEOUT_MS,
      connection: this.dataSource,
    });
    const { status, message } = result.database as { status: string; message?: string };
    return {
      status: status === 'up' ? 'up' : 'down',
      dialect: this.dataSource.options.type,
      response_time_ms: Math.round(performance.now() - started),
      ...(message ? { message } : {}),
    };
  }
}
