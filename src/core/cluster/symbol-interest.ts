import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RedisConnection } from '../redis/redis.connection';
import { ClusterBus } from './cluster-bus';

/** Each replica repeats what its clients follow this often; a silent replica is forgotten. */
const ANNOUNCE_EVERY_MS = 5_000;
const FORGET_AFTER_MS = 3 * ANNOUNCE_EVERY_MS;

/**
 * The symbols real-time clients follow on every replica, so that the leader, which alone holds
 * the upstream exchange stream and polls, covers the clients of all of them. Without REDIS_URL it
 * is this replica's own set.
 */
@Injectable()
export class SymbolInterest implements OnModuleInit, OnModuleDestroy {
  private local: string[] = [];
  private readonly remote = new Map<string, { symbols: string[]; at: number }>();
  private readonly listeners: ((added: string[]) => void)[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly bus: ClusterBus,
    private readonly redis: RedisConnection,
  ) {}

  onModuleInit(): void {
    if (!this.bus.shared) {
      return;
    }
    this.bus.on('interest', ({ symbols }, from) => this.received(from, symbols));
    this.redis.onReady(() => void this.announce());
    this.timer = setInterval(() => {
      void this.announce();
      this.forgetSilent();
    }, ANNOUNCE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** This replica's clients now follow these symbols. */
  follow(symbols: string[]): void {
    this.local = symbols;
    void this.announce();
  }

  /** Every replica's followed symbols together, with these local ones. */
  union(local: string[]): string[] {
    const all = new Set(local);
    this.remote.forEach(({ symbols }) => symbols.forEach((s) => all.add(s)));
    return [...all].sort();
  }

  /** Told of symbols another replica's clients newly follow. */
  onAdded(listener: (added: string[]) => void): void {
    this.listeners.push(listener);
  }

  private announce(): Promise<boolean> {
    return this.bus.publish('interest', { symbols: this.local });
  }

  private received(from: string, symbols: string[]): void {
    const before = new Set(this.union(this.local));
    this.remote.set(from, { symbols, at: Date.now() });
    const added = symbols.filter((s) => !before.has(s));
    if (added.length > 0) {
      this.listeners.forEach((listener) => listener(added));
    }
  }

  private forgetSilent(): void {
    const oldest = Date.now() - FORGET_AFTER_MS;
    for (const [replica, { at }] of this.remote) {
      if (at < oldest) {
        this.remote.delete(replica);
      }
    }
  }
}
