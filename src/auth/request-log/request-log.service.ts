import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Repository } from 'typeorm';
import { UserRequest } from '../entities/user-request.entity';
import { requestContextOf } from '../request-context';

const FLUSH_EVERY_MS = 2_000;
const MAX_BUFFERED = 5_000;
const INSERT_CHUNK = 500;

/**
 * `user_requests`: one row per API request (address, key, endpoint, status, time), buffered and
 * written in batches by a timer, so logging never waits on the database. Observes the HTTP
 * server itself, so answers from the hot path are logged like the others.
 */
@Injectable()
export class RequestLogService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(RequestLogService.name);
  private buffer: Omit<UserRequest, 'id'>[] = [];
  private timer?: NodeJS.Timeout;
  private dropped = 0;

  constructor(@InjectRepository(UserRequest) private readonly repo: Repository<UserRequest>) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  observe(server: Server): void {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      res.once('finish', () => this.record(req, res.statusCode));
    });
  }

  record(req: IncomingMessage, status: number): void {
    const path = (req.url ?? '/').split('?')[0];
    if (!path.startsWith('/api/') || path === '/api/health/live') {
      return;
    }
    if (this.buffer.length >= MAX_BUFFERED) {
      this.dropped += 1;
      return;
    }
    const caller = requestContextOf(req).caller;
    const keyId = caller?.keyId;
    this.buffer.push({
      ipAddress: (caller?.ip ?? req.socket.remoteAddress ?? '').slice(0, 64),
      apiKeyId: typeof keyId === 'number' ? keyId : null,
      endpoint: `${req.method ?? 'GET'} ${path}`.slice(0, 300),
      status,
      timestamp: new Date(),
    });
  }

  async flush(): Promise<void> {
    const rows = this.buffer;
    this.buffer = [];
    try {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await this.repo.insert(rows.slice(i, i + INSERT_CHUNK));
      }
    } catch (error) {
      this.logger.warn(
        `could not write ${rows.length} request log rows: ${(error as Error).message}`,
      );
    }
    if (this.dropped > 0) {
      this.logger.warn(`request log buffer full: ${this.dropped} rows dropped`);
      this.dropped = 0;
    }
  }
}
