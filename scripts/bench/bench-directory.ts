/**
 * The coin directory part of `npm run bench:market`: search and coin detail through HTTP on the
 * production build, with CoinGecko's list grown to 15,000 coins by the fake upstream.
 */
import { percentile } from '../../src/providers/health/provider-health';
import { machineLine, writeSection } from './report';
import { check, type Check, size } from './summary';

const RUNS = size(300, 50);
const WARM_UP = 20;
/** A mix of short and long queries, hits and misses: each request scans the whole directory. */
const QUERIES = ['sol', 'btc', 'eth', 'bench coin 7', 'wormhole', 'zzzz', 'b', 'bench-coin-14999'];
const DETAIL_PATH = '/api/coins/bitcoin?vs=usd,eur';

export interface Latency {
  p50: number;
  p95: number;
}

export interface DirectoryFigures {
  search: Latency;
  detail: Latency;
  coins: number;
  listSeconds: number;
  /** Coins the fake added to its list. */
  added: number;
}

/** Sequential requests after a warm-up, each checked for a 200. */
async function latency(url: string, key: string, paths: readonly string[]): Promise<Latency> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + WARM_UP; i += 1) {
    const path = paths[i % paths.length];
    const started = performance.now();
    const res = await fetch(url + path, { headers: { 'x-api-key': key } });
    await res.arrayBuffer();
    if (res.status !== 200) {
      throw new Error(`${path}: HTTP ${res.status}`);
    }
    if (i >= WARM_UP) {
      times.push(performance.now() - started);
    }
  }
  return { p50: percentile(times, 0.5) ?? 0, p95: percentile(times, 0.95) ?? 0 };
}

export async function directoryLatency(
  url: string,
  key: string,
): Promise<Pick<DirectoryFigures, 'search' | 'detail'>> {
  const searchPaths = QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=25`);
  const search = await latency(url, key, searchPaths);
  const detail = await latency(url, key, [DETAIL_PATH]);
  return { search, detail };
}

const f = (n: number) => n.toFixed(1);

/** Writes the section and returns the checks for the run's summary. */
export function reportDirectory(r: DirectoryFigures): Check[] {
  const met = (l: Latency) => (l.p95 <= 10 ? 'met' : 'NOT met');
  writeSection(
    '## Coin directory (`npm run bench:market`)',
    `${machineLine()}, SQLite.

CoinGecko's \`/coins/list\` from the fake upstream grown by ${r.added.toLocaleString('en')} coins (a directory of
${r.coins.toLocaleString('en')} with the fake's own and the configured coins), fetched and stored
(bulk upsert) with the market list in ${f(r.listSeconds)} s by the in-process app;
then measured through HTTP on the production build (its own process, which loaded the directory
from the database at start), ${RUNS} sequential requests after ${WARM_UP} warm-up ones:

| request | p50 ms | p95 ms | goal p95 ≤ 10 ms |
| --- | --- | --- | --- |
| \`GET /api/search?q=…&limit=25\` (${QUERIES.length} queries in turn, in-memory index) | ${f(r.search.p50)} | ${f(r.search.p95)} | ${met(r.search)} |
| \`GET ${DETAIL_PATH}\` (from the cache) | ${f(r.detail.p50)} | ${f(r.detail.p95)} | ${met(r.detail)} |`,
  );
  return [
    check('search p95 ≤ 10 ms', `${f(r.search.p95)} ms`, r.search.p95 <= 10),
    check('coin detail p95 ≤ 10 ms', `${f(r.detail.p95)} ms`, r.detail.p95 <= 10),
  ];
}
