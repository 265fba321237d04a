import { Injectable } from '@nestjs/common';
import { CacheService } from '../../core/cache';
import { responseMeta, storedMeta } from '../../core/web/response-meta';
import type { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';
import {
  AllProvidersFailedError,
  NotFoundAtProvidersError,
  type ProviderAttempt,
} from '../registry/provider-attempt';

/** A value fetched from upstream through the registry, with who answered and who was tried. */
export interface Sourced<T> {
  value: T;
  provider: string;
  attempted: ProviderAttempt[];
}

/** A value read back from the database, as of its newest row. */
export interface StoredRows<T> {
  value: T;
  newest: Date;
}

export interface ReadRequest<T> {
  /** The cache key. */
  key: string;
  ttlSeconds: number;
  /** The registry call (with failover); it stores what arrived when the feature keeps history. */
  fetch: () => Promise<Sourced<T>>;
  /** The last resort: what the database holds, or undefined when nothing usable is stored. */
  stored?: () => Promise<StoredRows<T> | undefined>;
}

export interface ReadAnswer<T> {
  value: T;
  /** Who answered: a provider id, or "database". */
  provider: string;
  /** Each provider tried for this answer (also in `meta`). */
  attempted: ProviderAttempt[];
  meta: ResponseMetaDto;
}

/**
 * The one read path of upstream data: the cache (fresh, or its last good value when the reload
 * fails), then the registry's providers in pool order, then the stored rows. A stored answer
 * always has the same meta: provider "database", stale, `asOf` its newest row, and `attempted`
 * naming every provider that failed just now. Nothing stored (or only rows older than the
 * cache's stale window): the registry's 503 naming each provider stands.
 */
@Injectable()
export class ReadPath {
  constructor(private readonly cache: CacheService) {}

  async read<T>(request: ReadRequest<T>): Promise<ReadAnswer<T>> {
    const { stored } = request;
    const result = await this.cache.getOrLoad<Sourced<T> & { newest?: Date }>(
      request.key,
      {
        ttlSeconds: request.ttlSeconds,
        fallback: stored && ((error) => this.fromDatabase(stored, error)),
      },
      request.fetch,
    );
    const { value, provider, attempted, newest } = result.value;
    const meta = newest
      ? storedMeta({ newest, stale: true, attempted })
      : responseMeta(result, { provider, attempted });
    return { value, provider, attempted, meta };
  }

  private async fromDatabase<T>(
    stored: () => Promise<StoredRows<T> | undefined>,
    error: unknown,
  ): Promise<{ value: Sourced<T> & { newest: Date }; storedAt: Date } | undefined> {
    const rows = await stored();
    if (!rows) {
      return undefined;
    }
    return {
      value: {
        value: rows.value,
        provider: 'database',
        attempted: attemptsOf(error),
        newest: rows.newest,
      },
      storedAt: rows.newest,
    };
  }
}

/** The providers that failed, when the error came from the registry. */
function attemptsOf(error: unknown): ProviderAttempt[] {
  return error instanceof AllProvidersFailedError || error instanceof NotFoundAtProvidersError
    ? error.attempted
    : [];
}
