import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type UpstreamCallRecord, UpstreamHttpService } from '../core/http';
import { ApiCall } from './entities/api-call.entity';

const FLUSH_INTERVAL_MS = 1_000;
const MAX_BATCH = 500;
const MAX_BUFFER = 10_000;

/** Writes every upstream call to `api_calls` in batches, off the request path. */
@Injectable()
export class ApiCallRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiCallRecorder.name);
  private buffer: UpstreamCallRecord[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectRepository(ApiCall) private readonly repo: Repository<ApiCall>,
  ) {}

  onModuleInit(): void {
    this.http.onCall((record) => this.enqueue(record));
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Writes what is buffered now; concurrent callers share one write. */
  async flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.write().finally(() => (this.flushing = undefined));
    }
    return this.flushing;
  }

  private enqueue(record: UpstreamCallRecord): void {
    if (this.buffer.length >= MAX_BUFFER) {
      this.buffer.shift();
    }
    this.buffer.push(record);
  }

  private async write(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, MAX_BATCH);
      try {
        await this.repo.insert(
          batch.map((r) => ({
            provider: r.provider,
            endpoint: r.endpoint.slice(0, 300) || '/',
            status: r.status,
            responseTime: r.durationMs,
            timestamp: r.at,
          })),
        );
      } catch (error) {
        this.logger.warn(`dropped ${batch.length} api_calls rows: ${(error as Error).message}`);
        return;
      }
    }
  }
}
