/**
 * npm run bench:memory — what the service holds: RSS of the production build (its own process)
 * idle after start with both bundled models loaded, then after two rounds of mixed traffic
 * (prices, candles, news, DeFi, Fear & Greed, market overview, sentiment scoring) against the
 * fake upstream, with the peak sampled during the rounds. The second round's peak must not be
 * more than 10 % above the first's (the soak's rule, on a short run). Idle RSS is also split into
 * anonymous memory and mapped files, with the largest mappings, to show where it goes. Writes the
 * "Memory" section of docs/benchmarks.md.
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
import { check, finish, QUICK } from './summary';

const IDLE_TARGET_MB = 300;
const GROWTH_LIMIT = 0.1;
const SETTLE_MS = 3_000;

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

/** A load round with RSS sampled every 250 ms; RSS once the round has settled. */
async function round(url: string, pid: number) {
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  const result = await load(url, {}, { requests: MIX.map((r) => ({ ...r })) }).finally(() =>
    clearInterval(sampler),
  );
  await sleep(SETTLE_MS);
  return { result, peak, settled: rssMb(pid) };
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
    const warmUp = await round(app.url, pid);
    const measured = await round(app.url, pid);
    report({ models, idle, split, warmUp, measured });
  } finally {
    app.child.kill();
    await fake.stop();
    await environment.dispose();
  }
}

type Round = { result: LoadResult; peak: number; settled: number };

function report(r: {
  models: string[];
  idle: number;
  split: MemoryBreakdown;
  warmUp: Round;
  measured: Round;
}): void {
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  // High-water marks, as the soak compares: 3 s after a round V8's memory reducer may or may not
  // have returned the young generation, so the settled figure is bimodal (259 or 474 MB after
  // the same round on 4 December).
  const growth = r.measured.peak / r.warmUp.peak - 1;
  const row = (name: string, x: Round) =>
    `| ${name} | ${Math.round(x.result.rps)} | ${x.result.p50.toFixed(2)} | ${x.result.p95.toFixed(2)} | ${x.result.p99.toFixed(2)} | ${mb(x.peak)} | ${mb(x.settled)} |`;
  writeSection(
    '## Memory (`npm run bench:memory`)',
    `${machineLine()}, SQLite.

The production build in its own process (NODE_ENV=production, info logging, sentiment on). Idle
RSS ${SETTLE_MS / 1000} s after ${r.models.join(' and ')} were loaded: **${mb(r.idle)}** (goal: under
${IDLE_TARGET_MB} MB; ${r.idle < IDLE_TARGET_MB ? 'met' : 'NOT met'}), \`MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}\`
as the image runs it: ${mb(r.split.anonymousMb)} anonymous (V8 heaps, malloc arenas, ONNX Runtime's
buffers), ${mb(r.split.filesMb)} mapped files, ${r.split.threads} threads; the largest mappings:
${r.split.largest.map(([name, size]) => `${name} ${mb(size)}`).join(', ')}. Then two rounds of mixed traffic
against the fake upstream (${MIX.map((m) => `\`${m.method} ${m.path.split('?')[0]}\``).join(', ')}, cycled by
each of ${LOAD.connections} autocannon connections for ${LOAD.duration} s), RSS sampled every 250 ms
and read again ${SETTLE_MS / 1000} s after each round:

| round | req/s | p50 ms | p95 ms | p99 ms | peak RSS | RSS after |
| --- | --- | --- | --- | --- | --- | --- |
${row('warm-up', r.warmUp)}
${row('measured', r.measured)}

Growth of the peak from the first round to the second: ${(growth * 100).toFixed(1)} % (goal: at most
${GROWTH_LIMIT * 100} %; ${growth <= GROWTH_LIMIT ? 'met' : 'NOT met'}). The longer view is the soak's.`,
  );
  finish({
    scenario: 'bench:memory',
    result: { label: 'mixed traffic', throughput: r.measured.result.rps, ...r.measured.result },
    checks: [
      check(
        `idle RSS with both models < ${IDLE_TARGET_MB} MB`,
        mb(r.idle),
        r.idle < IDLE_TARGET_MB,
      ),
      // The quick form's rounds are too short to warm the heap up: growth is shown, not judged.
      check(
        `peak RSS growth over the second round ≤ ${GROWTH_LIMIT * 100} %${QUICK ? ' (not checked with --quick)' : ''}`,
        `${mb(r.warmUp.peak)} → ${mb(r.measured.peak)} (after the rounds ${mb(r.warmUp.settled)}, ${mb(r.measured.settled)})`,
        QUICK || growth <= GROWTH_LIMIT,
      ),
    ],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
