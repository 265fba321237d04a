import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CACHE_MAX_BYTES, CacheService } from './cache.service';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CacheService', () => {
  it('serves a fresh value from cache without calling the loader again', async () => {
    const cache = new CacheService();
    let calls = 0;
    const load = () => cache.getOrLoad('k', { ttlSeconds: 60 }, async () => ++calls);
    const first = await load();
    const second = await load();
    assert.deepEqual([first.value, first.cached, second.value, second.cached], [1, false, 1, true]);
    assert.equal(calls, 1);
  });

  it('runs the loader once for concurrent identical misses', async () => {
    const cache = new CacheService();
    let calls = 0;
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        cache.getOrLoad('k', { ttlSeconds: 60 }, async () => {
          calls += 1;
          await sleep(20);
          return 'v';
        }),
      ),
    );
    assert.equal(calls, 1);
    assert.ok(results.every((r) => r.value === 'v'));
  });

  it('serves the last good value, marked stale with its age, when the loader fails', async () => {
    const cache = new CacheService();
    await cache.getOrLoad('k', { ttlSeconds: 0.05 }, async () => 'good');
    await sleep(80);
    const stale = await cache.getOrLoad('k', { ttlSeconds: 0.05 }, async () => {
      throw new Error('upstream down');
    });
    assert.equal(stale.value, 'good');
    assert.equal(stale.stale, true);
    assert.equal(stale.cached, true);
    assert.ok(stale.ageSeconds >= 0);
  });

  it('falls back to a stored value, marked stale, when nothing is cached', async () => {
    const cache = new CacheService();
    const storedAt = new Date(Date.now() - 90_000);
    const seen: unknown[] = [];
    const options = {
      ttlSeconds: 60,
      fallback: async (error: unknown) => {
        seen.push(error);
        return { value: 'from db', storedAt };
      },
    };
    const served = await cache.getOrLoad('k', options, async () => {
      throw new Error('down');
    });
    assert.deepEqual(
      [served.value, served.stale, served.cached, served.ageSeconds],
      ['from db', true, false, 90],
    );
    assert.match(String(seen[0]), /down/);
    const tooOld = { ...options, fallback: async () => ({ value: 'x', storedAt: new Date(0) }) };
    await assert.rejects(
      cache.getOrLoad('other', tooOld, async () => {
        throw new Error('down');
      }),
      /down/,
    );
  });

  it('remembers a failure briefly instead of calling the loader again', async () => {
    const cache = new CacheService();
    let calls = 0;
    const failing = () =>
      cache.getOrLoad('k', { ttlSeconds: 60, negativeTtlMs: 100 }, async () => {
        calls += 1;
        throw new Error('down');
      });
    await assert.rejects(failing(), /down/);
    await assert.rejects(failing(), /down/);
    assert.equal(calls, 1);
    await sleep(120);
    await assert.rejects(failing(), /down/);
    assert.equal(calls, 2);
  });

  it('invalidate drops values and remembered failures under a prefix', async () => {
    const cache = new CacheService();
    let calls = 0;
    await cache.getOrLoad('a:1', { ttlSeconds: 60 }, async () => ++calls);
    await assert.rejects(
      cache.getOrLoad('a:2', { ttlSeconds: 60 }, async () => {
        calls += 1;
        throw new Error('down');
      }),
    );
    cache.invalidate('a:');
    await cache.getOrLoad('a:1', { ttlSeconds: 60 }, async () => ++calls);
    await cache.getOrLoad('a:2', { ttlSeconds: 60 }, async () => ++calls);
    assert.equal(calls, 4);
  });

  it('does not keep values with a zero TTL', async () => {
    const cache = new CacheService();
    let calls = 0;
    await cache.getOrLoad('k', { ttlSeconds: 0 }, async () => ++calls);
    await cache.getOrLoad('k', { ttlSeconds: 0 }, async () => ++calls);
    assert.equal(calls, 2);
  });

  it('is bounded by the estimated size of its values, dropping the least recently used', async () => {
    const cache = new CacheService();
    // One shared megabyte string: counted per entry, allocated once by the test.
    const megabyte = 'x'.repeat(1024 * 1024);
    const entries = CACHE_MAX_BYTES / megabyte.length + 8;
    for (let i = 0; i < entries; i += 1) {
      await cache.getOrLoad(`k${i}`, { ttlSeconds: 60 }, async () => ({ text: megabyte }));
    }
    let reloaded = 0;
    const again = async (key: string) =>
      (await cache.getOrLoad(key, { ttlSeconds: 60 }, async () => ++reloaded)).cached;
    assert.equal(await again(`k${entries - 1}`), true, 'the newest entry is kept');
    assert.equal(await again('k0'), false, 'the oldest entry made room');
  });
});
