import { Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { SharedCache } from '../redis/shared-cache.store';
import { sharedLoad } from './shared-load';

const MAX_ENTRIES = 10_000;
/**
 * Entries are kept for a day as stale fallbacks, so their number alone does not bound memory:
 * ten thousand market lists would be a gigabyte. Sizes are estimated once, when a value is stored.
 */
export const CACHE_MAX_BYTES = 64 * 1024 * 1024;
/** How long an expired value may still be served when every provider fails. */
const DEFAULT_STALE_FOR_MS = 24 * 3_600_000;
/** After a failed load, answer from the failure (or stale data) for this long instead of retrying. */
const DEFAULT_NEGATIVE_TTL_MS = 5_000;

interface Entry {
  value: unknown;
  storedAt: number;
  expiresAt: number;
}

export interface CacheResult<T> {
  value: T;
  /** Served from the cache without calling the loader. */
  cached: boolean;
  /** Past its TTL: served because the loader failed. */
  stale: boolean;
  storedAt: Date;
  ageSeconds: number;
}

export interface LoadOptions<T = unknown> {
  ttlSeconds: number;
  staleForMs?: number;
  negativeTtlMs?: number;
  /**
   * Where a value may come from when the loader fails and nothing is cached (the database after
   * a restart); served as stale. Given the loader's error.
   */
  fallback?: (error: unknown) => Promise<{ value: T; storedAt: Date } | undefined>;
}

/**
 * Read-through cache: TTL per call, one loader run for concurrent identical misses
 * (single-flight), the last good value when the loader fails (stale), and a short negative cache
 * so a failing upstream is not hammered. With REDIS_URL, misses go through the shared second
 * level (one load across replicas) and invalidations reach every replica.
 */
@Injectable()
export class CacheService {
  private readonly entries = new LRUCache<string, Entry>({
    max: MAX_ENTRIES,
    maxSize: CACHE_MAX_BYTES,
    sizeCalculation: (entry, key) => estimatedBytes(entry.value) + key.length,
  });
  private readonly failures = new LRUCache<string, { error: unknown; until: number }>({
    max: 1_000,
  });
  private readonly inFlight = new Map<string, Promise<CacheResult<unknown>>>();
  private readonly invalidationListeners: ((prefix: string) => void)[] = [];
  /** Lookups answered from the cache (fresh or stale) and those that ran the loader. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(@Optional() private readonly shared?: SharedCache) {
    shared?.onInvalidated((prefix) => this.dropLocal(prefix));
  }

  async getOrLoad<T>(
    key: string,
    options: LoadOptions<T>,
    loader: () => Promise<T>,
  ): Promise<CacheResult<T>> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) {
      this.stats.hits += 1;
      return result<T>(entry, { cached: true, stale: false }, now);
    }
    this.stats.misses += 1;
    const failure = this.failures.get(key);
    if (failure && failure.until > now) {
      return this.staleOrThrow<T>(key, entry, failure.error, options, now);
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.load(key, entry, options, loader).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending as Promise<CacheResult<T>>;
  }

  /** Keeps a value fetched elsewhere (a collector run that stores it first), as a load would. */
  put<T>(key: string, value: T, ttlSeconds: number): void {
    this.dropLocal(key);
    const storedAt = Date.now();
    const entry = { value, storedAt, expiresAt: storedAt + ttlSeconds * 1000 };
    this.entries.set(key, entry);
    void this.shared?.replace(key, entry);
  }

  /** Drops every entry whose key starts with the prefix (admin refresh, tests), on every replica. */
  invalidate(prefix: string): void {
    this.dropLocal(prefix);
    void this.shared?.invalidate(prefix);
  }

  private dropLocal(prefix: string): void {
    this.invalidationListeners.forEach((listener) => listener(prefix));
    for (const store of [this.entries, this.failures]) {
      for (const key of [...store.keys()]) {
        if (key.startsWith(prefix)) {
          store.delete(key);
        }
      }
    }
  }

  /** Lets caches built on this one (the HTTP hot path) drop what they derived from it. */
  onInvalidate(listener: (prefix: string) => void): void {
    this.invalidationListeners.push(listener);
  }

  private async load<T>(
    key: string,
    previous: Entry | undefined,
    options: LoadOptions<T>,
    loader: () => Promise<T>,
  ): Promise<CacheResult<T>> {
    try {
      const { entry, cached } = await this.loadEntry(key, options.ttlSeconds, loader);
      if (options.ttlSeconds > 0) {
        this.entries.set(key, entry);
      }
      this.failures.delete(key);
      return result<T>(entry, { cached, stale: false }, Date.now());
    } catch (error) {
      const now = Date.now();
      this.failures.set(key, {
        error,
        until: now + (options.negativeTtlMs ?? DEFAULT_NEGATIVE_TTL_MS),
      });
      return this.staleOrThrow<T>(key, previous, error, options, now);
    }
  }

  /** Through the shared level when Redis is up, so replicas load a key once between them. */
  private async loadEntry<T>(
    key: string,
    ttlSeconds: number,
    loader: () => Promise<T>,
  ): Promise<{ entry: Entry; cached: boolean }> {
    if (this.shared?.active && ttlSeconds > 0) {
      return sharedLoad({ shared: this.shared, key, ttlSeconds, loader });
    }
    const value = await loader();
    const storedAt = Date.now();
    return { entry: { value, storedAt, expiresAt: storedAt + ttlSeconds * 1000 }, cached: false };
  }

  private async staleOrThrow<T>(
    key: string,
    entry: Entry | undefined,
    error: unknown,
    options: LoadOptions<T>,
    now: number,
  ): Promise<CacheResult<T>> {
    const staleFor = options.staleForMs ?? DEFAULT_STALE_FOR_MS;
    if (entry && entry.expiresAt + staleFor > now) {
      return result<T>(entry, { cached: true, stale: true }, now);
    }
    const stored = await options.fallback?.(error);
    if (stored && now - stored.storedAt.getTime() < staleFor) {
      const fallbackEntry = {
        value: stored.value,
        storedAt: stored.storedAt.getTime(),
        expiresAt: 0,
      };
      return result<T>(fallbackEntry, { cached: false, stale: true }, now);
    }
    throw error;
  }
}

function result<T>(
  entry: Entry,
  flags: { cached: boolean; stale: boolean },
  now: number,
): CacheResult<T> {
  return {
    value: entry.value as T,
    ...flags,
    storedAt: new Date(entry.storedAt),
    ageSeconds: Math.max(0, Math.round((now - entry.storedAt) / 1000)),
  };
}

/** The value's JSON length: close enough to its heap size to bound the cache by. */
function estimatedBytes(value: unknown): number {
  try {
    return Math.max(1, JSON.stringify(value)?.length ?? 1);
  } catch {
    // Not serialisable (a cycle): count it as large rather than not at all.
    return 64 * 1024;
  }
}
