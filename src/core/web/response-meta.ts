import type { CacheResult } from '../cache';
import type { ResponseMetaDto } from './response-meta.dto';
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
