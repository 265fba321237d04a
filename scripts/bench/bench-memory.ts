/**
 * npm run bench:memory — what the service holds: RSS of the production build (its own process)
 * idle after start with both bundled models loaded (split into anonymous memory and mapped
 * files, with the largest mappings), then the peak RSS of each round of mixed traffic (prices,
 * candles, news, DeFi, Fear & Greed, market overview, sentiment scoring) against the fake
 * upstream. The target is the idle figure; whether RSS keeps growing is the soak's to judge
 * (ten minutes, docs/reliability.md): over a minute of load at thousands of requests per second
 * the peaks still climb while V8's young generation and glibc's heap fill, and flatten later.
 * Writes the "Memory" section of docs/benchmarks.md.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeUpstream } from '../../test/fake-upstream/fake-upstream';
import { createTestEnvironment } from '../../test/support/test-app';
import {
  LOAD,
  load,
  type LoadResult,
  type MemoryBreakdown,
  memoryBreakdown,
  modelsReady,
  PRODUCTION_ENV,
  rssMb,
  startProcess,
} from './harness';
import { machineLine, writeSection } from './report';
import { check, finish, size } from './summary';

const IDLE_TARGET_MB = 300;
const SETTLE_MS = 3_000;
const ROUNDS = size(3, 1);

/** One of each kind of request, cycled by every connection. */
const MIX = [
  { method: 'GET', path: '/api/prices?symbols=BTC,ETH,SOL' },
  { method: 'GET', path: '/api/ohlcv?symbol=BTCUSDT&interval=1h&limit=100' },
  { method: 'GET', path: '/api/news?limit=20' },
  { method: 'GET', path: '/api/defi?limit=20' },
  { method: 'GET', path: '/api/sentiment/fear-greed?limit=7' },
  { method: 'GET', path: '/api/market' },
  {
    method: 'POST',
    path: '/api/sentiment/analyze',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Bitcoin surges to a record high as ETF inflows accelerate' }),
  },
] as const;

type Round = LoadResult & { peak: number };

/** A load round with RSS sampled every 250 ms. */
async function round(url: string, pid: number): Promise<Round> {
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  const result = await load(url, {}, { requests: MIX.map((r) => ({ ...r })) }).finally(() =>
    clearInterval(sampler),
  );
  return { ...result, peak };
}

async function main(): Promise<void> {
  const fake = await new FakeUpstream().start();
  const environment = await createTestEnvironment({
    ...fake.env(),
    ...PRODUCTION_ENV,
    ENABLE_SENTIMENT_ANALYSIS: 'true',
    // As the Docker image and scripts/start.sh run the app (glibc reads it at process start).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    FREE_TIER_LIMIT: '100000000/minute,1000000000/day',
  });
  const app = await startProcess('dist-test/src/main.js', environment.env);
  try {
    const pid = app.child.pid!;
    const models = await modelsReady(app.url);
    await sleep(SETTLE_MS);
    const idle = rssMb(pid);
    const split = memoryBreakdown(pid);
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push(await round(app.url, pid));
    }
    report({ models, idle, split, rounds });
  } finally {
    app.child.kill();
    await fake.stop();
    await environment.dispose();
  }
}

function report(r: {
  models: string[];
  idle: number;
  split: MemoryBreakdown;
  rounds: Round[];
}): void {
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  const last = r.rounds[r.rounds.length - 1];
  const row = (name: string, x: Round) =>
    `| ${name} | ${Math.round(x.rps)} | ${x.p50.toFixed(2)} | ${x.p95.toFixed(2)} | ${x.p99.toFixed(2)} | ${mb(x.peak)} |`;
  writeSection(
    '## Memory (`npm run bench:memory`)',
    `${machineLine()}, SQLite.

The production build in its own process (NODE_ENV=production, info logging, sentiment on,
\`MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}\` as the image runs it). Idle RSS ${SETTLE_MS / 1000} s after
${r.models.join(' and ')} were loaded: **${mb(r.idle)}** (goal: under ${IDLE_TARGET_MB} MB;
${r.idle < IDLE_TARGET_MB ? 'met' : 'NOT met'}): ${mb(r.split.anonymousMb)} anonymous (V8 heaps, malloc arenas, ONNX
Runtime's buffers), ${mb(r.split.filesMb)} mapped files, ${r.split.threads} threads; the largest mappings:
${r.split.largest.map(([name, size]) => `${name} ${mb(size)}`).join(', ')}.

Then ${r.rounds.length} rounds of mixed traffic against the fake upstream (${MIX.map((m) => `\`${m.method} ${m.path.split('?')[0]}\``).join(', ')}, cycled by each of ${LOAD.connections} autocannon connections for
${LOAD.duration} s), RSS sampled every 250 ms:

| round | req/s | p50 ms | p95 ms | p99 ms | peak RSS |
| --- | --- | --- | --- | --- | --- |
${r.rounds.map((x, i) => row(String(i + 1), x)).join('\n')}

The peaks are mostly V8's young generation (up to 128 MB here) and glibc's heap filling under
load; over a longer run they flatten (docs/benchmarks.md, "Memory under sustained load"), and
whether RSS keeps growing is judged by the ten-minute soak (docs/reliability.md).`,
  );
  finish({
    scenario: 'bench:memory',
    result: { label: 'mixed traffic', throughput: last.rps, ...last },
    checks: [
      check(
        `idle RSS with both models < ${IDLE_TARGET_MB} MB`,
        mb(r.idle),
        r.idle < IDLE_TARGET_MB,
      ),
    ],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
