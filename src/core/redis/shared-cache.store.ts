import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { Injectable } from '@nestjs/common';
import { ClusterBus } from '../cluster/cluster-bus';
import { RedisConnection } from './redis.connection';

/** A cache entry as every replica reads it. */
export interface SharedEntry {
  value: unknown;
  storedAt: number;
  expiresAt: number;
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Returned by lock() when Redis cannot arbitrate: the caller loads on its own. */
const ALONE = 'alone';
const POLL_MS = 50;

/**
 * The data cache's second level on Redis: entries every replica reads (structured-clone
 * serialised, so dates stay dates), a short lock per key for cross-replica single-flight, and
 * invalidations announced to every replica. Every method degrades to "nothing shared" while
 * Redis is down, never to an error.
 */
@Injectable()
export class SharedCache {
  constructor(
    private readonly redis: RedisConnection,
    private readonly bus: ClusterBus,
  ) {}

  get active(): boolean {
    return this.redis.up;
  }

  async read(key: string): Promise<SharedEntry | undefined> {
    const raw = await this.redis.client?.getBuffer(`cache:${key}`).catch(() => null);
    if (!raw) {
      return undefined;
    }
    try {
      const entry = deserialize(raw) as SharedEntry;
      return entry.expiresAt > Date.now() ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  async write(key: string, entry: SharedEntry): Promise<void> {
    const ttl = entry.expiresAt - Date.now();
    if (ttl <= 0 || !this.redis.client) {
      return;
    }
    let bytes: Buffer;
    try {
      bytes = serialize(entry);
    } catch {
      return; // Not cloneable (a function inside): it stays in this replica's cache only.
    }
    await this.redis.client.set(`cache:${key}`, bytes, 'PX', ttl).catch(() => undefined);
  }

  /** A token when this replica should load the key (it holds the lock, or Redis cannot say). */
  async lock(key: string, ttlMs: number): Promise<string | undefined> {
    const token = randomUUID();
    const client = this.redis.client;
    if (!client) {
      return ALONE;
    }
    return client.set(`lock:${key}`, token, 'PX', ttlMs, 'NX').then(
      (ok) => (ok === 'OK' ? token : undefined),
      () => ALONE,
    );
  }

  async unlock(key: string, token: string): Promise<void> {
    if (token !== ALONE) {
      await this.redis.client?.eval(RELEASE, 1, `lock:${key}`, token).catch(() => undefined);
    }
  }

  /**
   * Waits, at most maxMs, for another replica's load of the key. Gives up early when its lock is
   * gone and no value came (that load failed): the caller then loads itself.
   */
  async waitFor(key: string, maxMs: number): Promise<SharedEntry | undefined> {
    const client = this.redis.client;
    const deadline = Date.now() + maxMs;
    while (client && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const entry = await this.read(key);
      if (entry) {
        return entry;
      }
      if ((await client.exists(`lock:${key}`).catch(() => 0)) === 0) {
        return this.read(key);
      }
    }
    return undefined;
  }

  /** Writes a value stored elsewhere (a collector) and has every replica drop its copy. */
  async replace(key: string, entry: SharedEntry): Promise<void> {
    await this.write(key, entry);
    await this.bus.publish('cache-invalidated', { prefix: key });
  }

  /** Deletes every shared entry under the prefix and has every replica drop its own. */
  async invalidate(prefix: string): Promise<void> {
    const client = this.redis.client;
    if (!client || !this.redis.up) {
      return;
    }
    const own = this.redis.prefix;
    const pattern = `${own}cache:${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    try {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        // SCAN answers whole keys; DEL adds the prefix again.
        const names = keys.map((k) => k.slice(own.length));
        if (names.length > 0) {
          await client.del(...names);
        }
      } while (cursor !== '0');
    } catch {
      // Redis went away mid-way: entries left behind expire with their TTL.
    }
    await this.bus.publish('cache-invalidated', { prefix });
  }

  /** Another replica invalidated a prefix. */
  onInvalidated(listener: (prefix: string) => void): void {
    this.bus.on('cache-invalidated', ({ prefix }) => listener(prefix));
  }
}
