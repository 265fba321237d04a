import type { SharedCache, SharedEntry } from '../redis/shared-cache.store';

/** How long one replica may hold a key's load to itself; longer than any provider deadline. */
const LOAD_LOCK_MS = 15_000;
/** How long the others wait for that load before loading themselves rather than failing. */
const WAIT_FOR_OTHERS_MS = 3_000;

/**
 * Loads a key once across replicas: a value another replica stored is used as is; otherwise one
 * replica takes the key's lock and loads while the others wait (bounded) for its value.
 */
export async function sharedLoad<T>(params: {
  shared: SharedCache;
  key: string;
  ttlSeconds: number;
  loader: () => Promise<T>;
}): Promise<{ entry: SharedEntry; cached: boolean }> {
  const { shared, key } = params;
  const found = await shared.read(key);
  if (found) {
    return { entry: found, cached: true };
  }
  const token = await shared.lock(key, LOAD_LOCK_MS);
  if (!token) {
    const loaded = await shared.waitFor(key, WAIT_FOR_OTHERS_MS);
    if (loaded) {
      return { entry: loaded, cached: true };
    }
  }
  try {
    const value = await params.loader();
    const storedAt = Date.now();
    const entry = { value, storedAt, expiresAt: storedAt + params.ttlSeconds * 1000 };
    await shared.write(key, entry);
    return { entry, cached: false };
  } finally {
    if (token) {
      await shared.unlock(key, token);
    }
  }
}
