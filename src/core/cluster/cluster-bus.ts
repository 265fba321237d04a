import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { type AppConfig, InjectConfig } from '../config';
import { RedisConnection } from '../redis/redis.connection';

/** What replicas tell each other, and what each message carries. */
export interface ClusterMessages {
  /** A data-cache prefix was invalidated: drop it and what was derived from it (hot path). */
  'cache-invalidated': { prefix: string };
  /** An API key was changed (tier, name) or revoked: forget its cached state now. */
  'key-changed': { id: number; revoked: boolean };
  /** A real-time event published on one replica, for the clients of every other. */
  realtime: { channel: string; event: string; data: unknown };
  /** The symbols this replica's real-time clients follow (the leader streams their union). */
  interest: { symbols: string[] };
  /** A provider's Retry-After cool-down or opened breaker: skip it until `until`. */
  'provider-cooling': { provider: string; scope: string; until: number; reason: string };
}

export type ClusterTopic = keyof ClusterMessages;
type Handler<T extends ClusterTopic> = (data: ClusterMessages[T], from: string) => void;

/**
 * Announcements between replicas over Redis pub/sub: one channel, each message naming its
 * sender, and a replica never handles its own. Without REDIS_URL there is no other replica and
 * publishing does nothing. While Redis is down messages are lost; what must survive that
 * (interest) is re-announced on reconnection.
 */
@Injectable()
export class ClusterBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClusterBus.name);
  private readonly handlers = new Map<string, Handler<ClusterTopic>[]>();
  private subscriber?: Redis;

  constructor(
    private readonly redis: RedisConnection,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get replicaId(): string {
    return this.config.cluster.replicaId;
  }

  /** True when other replicas may exist (REDIS_URL is set). */
  get shared(): boolean {
    return this.redis.client !== undefined;
  }

  private get channel(): string {
    return `${this.redis.prefix}bus`;
  }

  onModuleInit(): void {
    this.subscriber = this.redis.subscriber();
    const subscriber = this.subscriber;
    if (!subscriber) {
      return;
    }
    subscriber.on('error', () => undefined);
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).catch((error: Error) => {
        this.logger.warn(`could not subscribe to the cluster bus: ${error.message}`);
      });
    });
    subscriber.on('message', (_channel: string, raw: string) => this.dispatch(raw));
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  on<T extends ClusterTopic>(topic: T, handler: Handler<T>): void {
    const list = this.handlers.get(topic) ?? [];
    list.push(handler as Handler<ClusterTopic>);
    this.handlers.set(topic, list);
  }

  /** Sends to every other replica; resolves false when it could not (no Redis, or it is down). */
  async publish<T extends ClusterTopic>(topic: T, data: ClusterMessages[T]): Promise<boolean> {
    const client = this.redis.client;
    if (!client || !this.redis.up) {
      return false;
    }
    const message = JSON.stringify({ from: this.replicaId, topic, data });
    return client.publish(this.channel, message).then(
      () => true,
      () => false,
    );
  }

  private dispatch(raw: string): void {
    let message: { from: string; topic: string; data: unknown };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return;
    }
    if (message.from === this.replicaId) {
      return;
    }
    for (const handler of this.handlers.get(message.topic) ?? []) {
      try {
        handler(message.data as never, message.from);
      } catch (error) {
        this.logger.warn(`${message.topic} from ${message.from}: ${(error as Error).message}`);
      }
    }
  }
}
