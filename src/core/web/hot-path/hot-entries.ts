import type { OutgoingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';

/** How long a replayable answer is served as is: `age_seconds` lags by at most this. */
export const HOT_TTL_MS = 1_000;
/** What the kept answers may take in memory together; the least recently used go first. */
export const HOT_MAX_BYTES = 32 * 1024 * 1024;
/** Headers are counted at a flat size: a handful of short strings per answer. */
const HEADER_BYTES = 1_024;

export interface HotEntry {
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** The route that produced it, for request metrics. */
  route: string | undefined;
}

/**
 * The hot path's answers, bounded by their total size rather than their number: one large
 * answer (a thousand candles) weighs as much as hundreds of small ones. An answer larger than
 * the whole budget is simply not kept.
 */
export function hotEntries(maxBytes = HOT_MAX_BYTES): LRUCache<string, HotEntry> {
  return new LRUCache<string, HotEntry>({
    maxSize: maxBytes,
    maxEntrySize: maxBytes,
    // The key (URL, encoding, origin) counts too: a URL can be kilobytes long.
    sizeCalculation: (entry, key) => entry.body.length + HEADER_BYTES + key.length,
    ttl: HOT_TTL_MS,
  });
}
