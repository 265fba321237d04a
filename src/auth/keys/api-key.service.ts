import {
  Injectable,
  Logger,
  NotFoundException,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ClusterBus } from '../../core/cluster/cluster-bus';
import { type AppConfig, InjectConfig, type TierName } from '../../core/config';
import type { ApiKey } from '../entities/api-key.entity';
import { displayPrefix, hashApiKey, newApiKey } from './api-key.secret';
import { ApiKeyStore } from './api-key.store';

/** What a request needs to know about a key; cached briefly so requests do not hit the database. */
export interface ActiveKey {
  id: number;
  tier: TierName;
  revoked: boolean;
  /** Tokens issued under another version predate a revocation (ApiKey.tokenVersion). */
  tokenVersion: number;
}

/**
 * How long a looked-up key (or a miss) is trusted. Changes made through this service clear it at
 * once, on every replica (announced); changes made by another process (the apikey CLI) reach a
 * running server within this time.
 */
const LOOKUP_TTL_MS = 10_000;
/** last_used_at is written in batches, off the request path. */
const TOUCH_EVERY_MS = 30_000;

/** Creates, lists, changes and revokes keys; resolves presented keys to their tier. */
@Injectable()
export class ApiKeyService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly byHash = new LRUCache<string, ActiveKey | false>({
    max: 10_000,
    ttl: LOOKUP_TTL_MS,
  });
  private readonly byId = new LRUCache<number, ActiveKey | false>({
    max: 10_000,
    ttl: LOOKUP_TTL_MS,
  });
  private readonly logger = new Logger(ApiKeyService.name);
  private readonly used = new Set<number>();
  private readonly revokedListeners: ((id: number) => void)[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly bus: ClusterBus,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.on('key-changed', ({ id, revoked }) => this.changed(id, revoked));
    this.timer = setInterval(() => void this.flushUsage(), TOUCH_EVERY_MS).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flushUsage();
  }

  /** A new key; the secret is returned here and never again. */
  async create(params: { name: string; tier: TierName }): Promise<{ key: string; record: ApiKey }> {
    const key = newApiKey();
    const record = await this.store.insert({
      hash: hashApiKey(key, this.config.security.apiKeySalt),
      prefix: displayPrefix(key),
      name: params.name,
      tier: params.tier,
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
      tokenVersion: 0,
    });
    return { key, record };
  }

  list(): Promise<ApiKey[]> {
    return this.store.all();
  }

  async update(
    id: number,
    changes: { name?: string; tier?: TierName; revoked?: boolean },
  ): Promise<ApiKey> {
    const record = await this.store.byId(id);
    if (!record) {
      throw new NotFoundException(`No API key with id ${id}`);
    }
    if (changes.name !== undefined) {
      record.name = changes.name;
    }
    if (changes.tier !== undefined) {
      record.tier = changes.tier;
    }
    const revoking = changes.revoked === true && record.revokedAt === null;
    if (revoking) {
      record.revokedAt = new Date();
      record.tokenVersion += 1;
    } else if (changes.revoked === false) {
      record.revokedAt = null;
    }
    const saved = await this.store.save(record);
    this.changed(id, revoking);
    await this.bus.publish('key-changed', { id, revoked: revoking });
    return saved;
  }

  /** Forgets cached key states; a revocation also ends the key's real-time sessions. */
  private changed(id: number, revoked: boolean): void {
    this.byHash.clear();
    this.byId.clear();
    if (revoked) {
      this.revokedListeners.forEach((listener) => listener(id));
    }
  }

  /** Lets what holds a key's sessions open (real-time connections) end them on revocation. */
  onRevoked(listener: (id: number) => void): void {
    this.revokedListeners.push(listener);
  }

  revoke(id: number): Promise<ApiKey> {
    return this.update(id, { revoked: true });
  }

  /** The key whose keyed hash (hashApiKey) this is. */
  async findByHash(hash: string): Promise<ActiveKey | undefined> {
    const cached = this.byHash.get(hash);
    if (cached !== undefined) {
      return cached || undefined;
    }
    const found = toActive(await this.store.byHash(hash));
    this.byHash.set(hash, found ?? false);
    return found;
  }

  async findById(id: number): Promise<ActiveKey | undefined> {
    const cached = this.byId.get(id);
    if (cached !== undefined) {
      return cached || undefined;
    }
    const found = toActive(await this.store.byId(id));
    this.byId.set(id, found ?? false);
    return found;
  }

  markUsed(id: number): void {
    this.used.add(id);
  }

  /** Writes last_used_at for the keys used since the last flush; a failure only costs that. */
  async flushUsage(): Promise<void> {
    const ids = [...this.used];
    this.used.clear();
    try {
      await this.store.touch(ids, new Date());
    } catch (error) {
      this.logger.warn(`could not record key usage: ${(error as Error).message}`);
    }
  }
}

function toActive(record: ApiKey | null): ActiveKey | undefined {
  return record
    ? {
        id: record.id,
        tier: record.tier as TierName,
        revoked: record.revokedAt !== null,
        tokenVersion: record.tokenVersion,
      }
    : undefined;
}
