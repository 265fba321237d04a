import type { CacheResult } from '../cache';
import type { ProviderAttemptDto } from './dto/error-response.dto';
import type { ResponseMetaDto } from './dto/response-meta.dto';
import type { ProviderAttempt } from '../../providers/registry/provider-attempt';

/** The `meta` of a data answer: who served it, who was tried, and how fresh it is. */
export function responseMeta(
  result: CacheResult<unknown>,
  source: { provider: string; attempted: ProviderAttempt[] },
): ResponseMetaDto {
  return {
    provider: source.provider,
    attempted: source.attempted,
    cached: result.cached,
    stale: result.stale,
    asOf: result.storedAt.toISOString(),
    age_seconds: result.ageSeconds,
  };
}

/**
 * The `meta` of an answer read from the database: provider "database", never cached, as of its
 * newest row; stale when the upstream that should have completed it failed.
 */
export function storedMeta(params: {
  newest: Date | null;
  stale: boolean;
  attempted: ProviderAttemptDto[];
}): ResponseMetaDto {
  const asOf = params.newest ?? new Date();
  return {
    provider: 'database',
    attempted: params.attempted,
    cached: false,
    stale: params.stale,
    asOf: asOf.toISOString(),
    age_seconds: Math.max(0, Math.round((Date.now() - asOf.getTime()) / 1000)),
  };
}

/** The `meta` of an answer fetched just now, outside the cache. */
export function liveMeta(source: {
  provider: string;
  attempted: ProviderAttempt[];
}): ResponseMetaDto {
  return {
    provider: source.provider,
    attempted: source.attempted,
    cached: false,
    stale: false,
    asOf: new Date().toISOString(),
    age_seconds: 0,
  };
}
