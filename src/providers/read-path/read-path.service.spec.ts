import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CacheService } from '../../core/cache';
import { AllProvidersFailedError, type ProviderAttempt } from '../registry/provider-attempt';
import { ReadPath } from './read-path.service';

const FAILED: ProviderAttempt[] = [
  { provider: 'coingecko', outcome: 'upstream_5xx', reason: 'HTTP 503', duration_ms: 4 },
];
const failing = () => Promise.reject(new AllProvidersFailedError('market', FAILED));

describe('ReadPath', () => {
  it('serves a fetched value with the provider that answered, then from the cache', async () => {
    const path = new ReadPath(new CacheService());
    const fetch = () => Promise.resolve({ value: [1, 2], provider: 'coingecko', attempted: [] });
    const first = await path.read({ key: 'k', ttlSeconds: 60, fetch, stored: failing });
    assert.deepEqual(
      [first.value, first.provider, first.meta.cached],
      [[1, 2], 'coingecko', false],
    );
    const second = await path.read({ key: 'k', ttlSeconds: 60, fetch: failing });
    assert.deepEqual([second.value, second.meta.cached, second.meta.stale], [[1, 2], true, false]);
  });

  it('answers from stored rows, as of the newest, naming the providers that failed', async () => {
    const newest = new Date(Date.now() - 90_000);
    const answer = await new ReadPath(new CacheService()).read({
      key: 'k',
      ttlSeconds: 60,
      fetch: failing,
      stored: () => Promise.resolve({ value: ['stored'], newest }),
    });
    assert.deepEqual(answer.value, ['stored']);
    assert.equal(answer.provider, 'database');
    assert.deepEqual(answer.meta, {
      provider: 'database',
      attempted: FAILED,
      cached: false,
      stale: true,
      asOf: newest.toISOString(),
      age_seconds: 90,
    });
  });

  it("keeps the registry's error when nothing is stored, or only rows past the stale window", async () => {
    const old = new Date(Date.now() - 25 * 3_600_000);
    for (const stored of [
      () => Promise.resolve(undefined),
      () => Promise.resolve({ value: ['old'], newest: old }),
    ]) {
      await assert.rejects(
        new ReadPath(new CacheService()).read({ key: 'k', ttlSeconds: 60, fetch: failing, stored }),
        (error) => error instanceof AllProvidersFailedError && error.attempted === FAILED,
      );
    }
  });
});
