/**
 * npm run bench:market — the Market API's speed goals, written to docs/benchmarks.md:
 * 1. history?days=30&interval=1h over 30 days of 1-minute prices for 20 coins in SQLite (seeded
 *    through an in-process app, measured on the build in its own process);
 * 2. a cached /api/prices answer against a bare node:http server returning the same bytes, each
 *    in its own process and loaded by autocannon from this one;
 * 3. coin search and coin detail on the same build with a 15,000-coin directory (see
 *    bench-directory.ts).
 */
import { DataSource } from 'typeorm';
import { percentile } from '../../src/providers/health/provider-health';
import { FakeUpstream } from '../../test/fake-upstream/fake-upstream';
import { createTestEnvironment, startApp } from '../../test/support/test-app';
import {
  LOAD,
  load,
  type LoadResult,
  PRODUCTION_ENV,
  startBareTwin,
  startProcess,
} from './harness';
import { machineLine, writeSection } from './report';
import { check, type Check, finish, size } from './summary';
import { directoryLatency, reportDirectory } from './bench-directory';
import { CoinDirectoryService } from '../../src/market/coins/coin-directory.service';
import { FullDirectoryService } from '../../src/market/directory/full-directory.service';

const DAYS = 30;
const MINUTE_MS = 60_000;
const HISTORY_RUNS = size(200, 50);
/** Coins seeded: the query reads one, the others make the table (and its index) realistic. */
const COINS = size(20, 5);
/** Coins the fake adds to CoinGecko's list: the directory is then CoinGecko-sized. */
const DIRECTORY_SIZE = size(15_000, 2_000);
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const PRICES_PATH = '/api/prices?symbols=BTC,ETH,SOL';
const HISTORY_PATH = `/api/prices/history/BTC?days=${DAYS}&interval=1h`;

/** 30 days of one-minute prices per coin, a deterministic random walk, in one transaction. */
async function seed(dataSource: DataSource, symbols: readonly string[]): Promise<number> {
  const end = Date.now();
  const start = end - DAYS * 86_400_000 - 10 * MINUTE_MS;
  const perSymbol = Math.floor((end - start) / MINUTE_MS);
  let state = 42;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31 - 0.5;
  const runner = dataSource.createQueryRunner();
  await runner.startTransaction();
  const CHUNK = 1_000;
  for (const symbol of symbols) {
    let price = 100;
    for (let i = 0; i < perSymbol; i += CHUNK) {
      const rows = Math.min(CHUNK, perSymbol - i);
      const values: (string | number)[] = [];
      for (let j = 0; j < rows; j += 1) {
        price *= 1 + random() * 0.002;
        values.push(symbol, price, 'bench', start + (i + j) * MINUTE_MS);
      }
      await runner.query(
        `INSERT INTO prices (symbol, price, provider, timestamp) VALUES ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}`,
        values,
      );
    }
  }
  await runner.commitTransaction();
  await runner.release();
  return perSymbol * symbols.length;
}

async function historyLatency(url: string): Promise<{ p50: number; p95: number; points: number }> {
  const times: number[] = [];
  let points = 0;
  for (let i = 0; i < HISTORY_RUNS + 10; i += 1) {
    const started = performance.now();
    // Thirty days is deeper than the free tier goes: ask as an admin.
    const res = await fetch(url + HISTORY_PATH, { headers: { 'x-api-key': ADMIN_KEY } });
    const body = (await res.json()) as { data: unknown[]; meta: { backfilled: unknown } };
    if (res.status !== 200 || body.meta.backfilled !== null) {
      throw new Error(`history: HTTP ${res.status}, backfilled ${JSON.stringify(body.meta)}`);
    }
    if (i >= 10) {
      times.push(performance.now() - started);
    }
    points = body.data.length;
  }
  return { p50: percentile(times, 0.5) ?? 0, p95: percentile(times, 0.95) ?? 0, points };
}

async function main(): Promise<void> {
  const fake = await new FakeUpstream().start();
  const environment = await createTestEnvironment({
    ...fake.env(),
    CACHE_TTL_PRICES: '3600',
    ADMIN_API_KEY: ADMIN_KEY,
  });
  try {
    const running = await startApp(environment);
    const symbols = running.config.catalogue.coins.slice(0, COINS).map((c) => c.symbol);
    const seedStarted = performance.now();
    const rows = await seed(running.app.get(DataSource), symbols);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    fake.settings.directorySize = DIRECTORY_SIZE;
    const listStarted = performance.now();
    await running.app.get(CoinDirectoryService).refresh();
    const coins = running.app.get(FullDirectoryService).index.size;
    const listSeconds = (performance.now() - listStarted) / 1000;
    await running.close();

    // Seeded through the in-process app (its migrations, its data source); measured on the build.
    const app = await startProcess('dist-test/src/main.js', {
      ...environment.env,
      ...PRODUCTION_ENV,
    });
    const history = await historyLatency(app.url).catch((error: unknown) => {
      app.child.kill();
      throw error;
    });
    const directory = await directoryLatency(app.url, ADMIN_KEY).catch((error: unknown) => {
      app.child.kill();
      throw error;
    });
    await fetch(app.url + PRICES_PATH);
    const bare = await startBareTwin(app.url + PRICES_PATH);
    try {
      const bareResult = await load(bare.url + PRICES_PATH);
      const appResult = await load(app.url + PRICES_PATH);
      const checks = reportDirectory({ ...directory, coins, listSeconds, added: DIRECTORY_SIZE });
      report({ rows, seedSeconds, history, bareResult, appResult, bytes: bare.bytes, checks });
    } finally {
      app.child.kill();
      bare.child.kill();
    }
  } finally {
    await fake.stop();
    await environment.dispose();
  }
}

const f = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function report(r: {
  rows: number;
  seedSeconds: number;
  history: { p50: number; p95: number; points: number };
  bareResult: LoadResult;
  appResult: LoadResult;
  bytes: number;
  checks: Check[];
}): void {
  const ratio = r.appResult.rps / r.bareResult.rps;
  const row = (name: string, x: LoadResult) =>
    `| ${name} | ${Math.round(x.rps)} | ${f2(x.p50)} | ${f2(x.p95)} | ${f2(x.p99)} |`;
  writeSection(
    '## Market API (`npm run bench:market`)',
    `${machineLine()}, SQLite.

**History from the database.** ${r.rows.toLocaleString('en')} rows in \`prices\` (30 days of
1-minute prices for ${COINS} coins, seeded in ${f(r.seedSeconds)} s); \`GET ${HISTORY_PATH}\` through HTTP
on the production build (its own process), ${HISTORY_RUNS} sequential requests after 10 warm-up ones, ${r.history.points} points each:
p50 ${f(r.history.p50)} ms, p95 ${f(r.history.p95)} ms (goal: p95 under 30 ms; ${r.history.p95 < 30 ? 'met' : 'NOT met'}).

**Cached prices against bare node:http.** \`GET ${PRICES_PATH}\` answered from the cache by the
production build (its own process, NODE_ENV=production, info logging) and a bare \`node:http\`
server returning the same answer (the ${r.bytes}-byte body and the same headers, so the load
generator parses the same bytes from both; its own process), each loaded by autocannon with
${LOAD.connections} connections for ${LOAD.duration} s from this process.

| server | req/s | p50 ms | p95 ms | p99 ms |
| --- | --- | --- | --- | --- |
${row('bare node:http', r.bareResult)}
${row('Crypto-DT-Source', r.appResult)}

Ratio ${ratio.toFixed(2)} (goal: at least 0.5; ${ratio >= 0.5 ? 'met' : 'NOT met'}).`,
  );
  finish({
    scenario: 'bench:market',
    result: { label: 'cached prices', throughput: r.appResult.rps, ...r.appResult },
    baseline: { label: 'bare node:http', throughput: r.bareResult.rps, ...r.bareResult },
    checks: [
      check('app ≥ 0.5 × bare req/s', ratio.toFixed(2), ratio >= 0.5),
      check('30-day history p95 < 30 ms', `${f(r.history.p95)} ms`, r.history.p95 < 30),
      ...r.checks,
    ],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
