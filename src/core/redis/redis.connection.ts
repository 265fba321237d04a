import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type AppConfig, InjectConfig } from '../config';

/** How long start-up waits for Redis before going on degraded (it keeps reconnecting). */
const CONNECT_WAIT_MS = 3_000;
/** Reconnect delays grow by this much per attempt, up to RECONNECT_MAX_MS. */
const RECONNECT_STEP_MS = 200;
const RECONNECT_MAX_MS = 2_000;

export interface RedisState {
  configured: boolean;
  up: boolean;
  /** Why it is down (the last connection error), when it is. */
  reason?: string;
}

/**
 * The one Redis client (ioredis) every shared piece of state uses, when REDIS_URL is set. Every
 * key carries REDIS_KEY_PREFIX. Commands fail at once while Redis is down (no offline queue), so
 * each user falls back to its in-process behaviour instead of hanging a request; ioredis keeps
 * reconnecting and the users resume sharing when it is back.
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RedisConnection.name);
  /** Undefined when REDIS_URL is unset: nothing is shared and nothing connects. */
  readonly client?: Redis;
  private lastError?: string;
  private readonly readyListeners: (() => void)[] = [];

  constructor(@InjectConfig() private readonly config: AppConfig) {
    const url = config.cluster.redisUrl;
    if (url) {
      this.client = this.connect(url);
    }
  }

  get prefix(): string {
    return this.config.cluster.keyPrefix;
  }

  get up(): boolean {
    return this.client?.status === 'ready';
  }

  state(): RedisState {
    if (!this.client) {
      return { configured: false, up: false };
    }
    return this.up
      ? { configured: true, up: true }
      : {
          configured: true,
          up: false,
          reason: this.lastError ?? `connection ${this.client.status}`,
        };
  }

  /** A second connection (subscribers cannot run other commands), with the same options. */
  subscriber(): Redis | undefined {
    return this.client?.duplicate();
  }

  /** Called on every (re)connection: users re-announce what another replica may have missed. */
  onReady(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    const client = this.client;
    if (!client || this.up) {
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CONNECT_WAIT_MS);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (!this.up) {
      this.logger.warn(`Redis not reachable at start-up (${this.state().reason}); going on alone`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }

  private connect(url: string): Redis {
    const client = new Redis(url, {
      keyPrefix: this.config.cluster.keyPrefix,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * RECONNECT_STEP_MS, RECONNECT_MAX_MS),
    });
    client.on('error', (error: Error) => {
      if (this.lastError !== error.message) {
        this.logger.warn(`Redis: ${error.message}`);
      }
      this.lastError = error.message;
    });
    client.on('ready', () => {
      if (this.lastError) {
        this.logger.log('Redis connection restored');
      }
      this.lastError = undefined;
      this.readyListeners.forEach((listener) => listener());
    });
    client.on('end', () => (this.lastError ??= 'connection closed'));
    return client;
  }
}
