/**
 * npm run bench:sentiment — scoring cost through HTTP on the production build with the bundled
 * models: single-text latency, batches of 64, requests per second under concurrent load, the
 * event loop while batches are scored (liveness from outside, the loop's own delay from
 * /metrics), and idle memory with both models loaded. With BENCH_BASELINE=<dir> (another
 * checkout, built with `nest build -p tsconfig.test.json`), batches are also timed on that
 * build, alternating with this one so both see the same load. Writes the "Sentiment" section of
 * docs/benchmarks.md.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createTestEnvironment } from '../../test/support/test-app';
import {
  LOAD,
  load,
  modelsReady,
  PRODUCTION_ENV,
  rssMb,
  startBareTwin,
  startProcess,
} from './harness';
import { machineLine, writeSection } from './report';
import { check, finish, size } from './summary';

const SINGLE_RUNS = size(300, 60);
const BATCH_RUNS = size(40, 8);
const SCRIPT = 'dist-test/src/main.js';
const HEADLINES = [
  'Bitcoin surges to a record high as ETF inflows accelerate',
  'Ethereum slips as traders take profits after a strong week',
  'Exchange hacked, millions in crypto stolen; withdrawals frozen',
  'Solana network upgrade goes live without a hitch',
  'Regulators open an investigation into a stablecoin issuer',
  'Analysts expect more volatility ahead of the rate decision',
  'Cardano governance vote passes with broad support',
  'Miners sell reserves as hash price falls to a yearly low',
];
const TEXTS = Array.from({ length: 64 }, (_, i) => `${HEADLINES[i % HEADLINES.length]} #${i}`);

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const ms = (value: number) => value.toFixed(2);

async function post(url: string, body: object): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status !== 200) {
    throw new Error(`${url}: HTTP ${res.status}`);
  }
  return performance.now() - started;
}

/** The largest event-loop delay the server saw since the last scrape (prom-client resets it). */
async function loopDelayMaxMs(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
  return match ? Number(match[1]) * 1000 : NaN;
}

type App = Awaited<ReturnType<typeof startProcess>>;

async function start(env: Record<string, string>, root?: string): Promise<App> {
  const app = await startProcess(SCRIPT, env, root);
  await modelsReady(app.url);
  for (let i = 0; i < size(20, 5); i++) {
    await post(`${app.url}/api/sentiment/analyze`, { text: HEADLINES[i % HEADLINES.length] });
    await post(`${app.url}/api/sentiment/batch`, { texts: TEXTS });
  }
  return app;
}

/** Batches of 64 with liveness probes in between: how long each takes, how live the loop stays. */
async function batches(app: App, runs: number, onEach?: () => Promise<void>) {
  const times: number[] = [];
  const liveness: number[] = [];
  for (let i = 0; i < runs; i++) {
    let running = true;
    const batch = post(`${app.url}/api/sentiment/batch`, { texts: TEXTS }).finally(
      () => (running = false),
    );
    while (running) {
      const started = performance.now();
      await (await fetch(`${app.url}/api/health/live`)).arrayBuffer();
      liveness.push(performance.now() - started);
    }
    times.push(await batch);
    await onEach?.();
  }
  return { times, liveness };
}

async function main(): Promise<void> {
  const settings = {
    ...PRODUCTION_ENV,
    ENABLE_SENTIMENT_ANALYSIS: 'true',
    // As the Docker image and scripts/start.sh run the app (glibc reads it at process start).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    FREE_TIER_LIMIT: '100000000/minute,1000000000/day',
  };
  const environment = await createTestEnvironment(settings);
  const baselineRoot = process.env.BENCH_BASELINE;
  // The baseline gets its own data folder and its own checkout's configuration files.
  const baselineEnvironment = baselineRoot ? await createTestEnvironment(settings) : undefined;
  const app = await start(environment.env);
  const baseline =
    baselineRoot && baselineEnvironment
      ? await start(
          { ...baselineEnvironment.env, CONFIG_DIR: join(baselineRoot, 'config') },
          baselineRoot,
        )
      : undefined;
  let bare: Awaited<ReturnType<typeof startBareTwin>> | undefined;
  try {
    const models = await modelsReady(app.url);
    await new Promise((r) => setTimeout(r, 3000));
    const idleRss = rssMb(app.child.pid!);
    const baselineRss = baseline ? rssMb(baseline.child.pid!) : undefined;
    const loadBefore = loadavg()[0];
    const analyze = `${app.url}/api/sentiment/analyze`;
    const single: number[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) {
      single.push(await post(analyze, { text: `${HEADLINES[i % HEADLINES.length]} (${i})` }));
    }
    await loopDelayMaxMs(app.url);
    const baselineTimes: number[] = [];
    // One baseline batch after each of ours, so both builds share the machine's load alike.
    const ours = await batches(app, BATCH_RUNS, async () => {
      if (baseline) {
        baselineTimes.push(...(await batches(baseline, 1)).times);
      }
    });
    const loopMax = await loopDelayMaxMs(app.url);
    const request = { method: 'POST', body: JSON.stringify({ text: HEADLINES[0] }) } as const;
    const json = { 'content-type': 'application/json' };
    bare = await startBareTwin(analyze, { ...request, headers: json });
    const bareLoad = await load(bare.url + '/api/sentiment/analyze', json, request);
    const concurrent = await load(analyze, json, request);
    const batchP50 = percentile(ours.times, 0.5);
    const batchTotal = ours.times.reduce((a, b) => a + b, 0);
    const baseP50 = baselineTimes.length ? percentile(baselineTimes, 0.5) : undefined;
    const singleP50 = percentile(single, 0.5);
    const verdict = (met: boolean) => (met ? 'met' : '**not met**');
    const rows = [
      `| single text, \`POST /api/sentiment/analyze\`, ${SINGLE_RUNS} sequential calls | p50 ${ms(singleP50)} ms, p95 ${ms(percentile(single, 0.95))} ms | p50 ≤ 5 ms: ${verdict(singleP50 <= 5)} |`,
      `| batch of 64, \`POST /api/sentiment/batch\`, ${BATCH_RUNS} sequential calls | p50 ${ms(batchP50)} ms, p95 ${ms(percentile(ours.times, 0.95))} ms → ${Math.round((64 * BATCH_RUNS) / (batchTotal / 1000))} texts/s | ${baseP50 === undefined ? 'no baseline given' : `≤ 2 × baseline: ${verdict(batchP50 <= 2 * baseP50)}`} |`,
      ...(baseP50 === undefined
        ? []
        : [
            `| the same batches on the baseline build, alternating | p50 ${ms(baseP50)} ms, p95 ${ms(percentile(baselineTimes, 0.95))} ms | ratio ${(batchP50 / baseP50).toFixed(2)} |`,
          ]),
      `| \`GET /api/health/live\` while batches are scored (${ours.liveness.length} calls) | p50 ${ms(percentile(ours.liveness, 0.5))} ms, p95 ${ms(percentile(ours.liveness, 0.95))} ms, max ${ms(Math.max(...ours.liveness))} ms | |`,
      `| the server's own event-loop delay over those batches (\`nodejs_eventloop_lag_max_seconds\`) | max ${ms(loopMax)} ms | |`,
      `| single text under load (autocannon, ${LOAD.connections} connections, ${LOAD.duration} s) | ${Math.round(concurrent.rps)} req/s, p50 ${ms(concurrent.p50)} ms, p95 ${ms(concurrent.p95)} ms, p99 ${ms(concurrent.p99)} ms | |`,
      `| the same answer from a bare \`node:http\` server (baseline, its own process) | ${Math.round(bareLoad.rps)} req/s, p50 ${ms(bareLoad.p50)} ms, p95 ${ms(bareLoad.p95)} ms, p99 ${ms(bareLoad.p99)} ms | |`,
      `| idle RSS, ${models.join(' and ')} loaded (3 s after warm-up) | ${idleRss.toFixed(0)} MB${baselineRss === undefined ? '' : ` (baseline build: ${baselineRss.toFixed(0)} MB)`} | < 300 MB: ${verdict(idleRss < 300)} |`,
    ];
    writeSection(
      '## Sentiment (`npm run bench:sentiment`)',
      `${machineLine()}, bundled models (q8) in the inference worker thread. The machine was shared
with other work while measuring: 1-minute load average ${loadBefore.toFixed(1)} before and
${loadavg()[0].toFixed(1)} after (on ${cpus().length} cores), so absolute times are inflated; the
baseline comparison alternates the two builds so both see the same load.

The production build in its own process (NODE_ENV=production, info logging), models loaded and
warmed up before measuring. Client-side times through HTTP on loopback.${
        baselineRoot
          ? ` Baseline: the build in \`BENCH_BASELINE\` (${process.env.BENCH_BASELINE_LABEL ?? baselineRoot}), its own process with the same settings.`
          : ''
      }

| measure | result | goal |
| --- | --- | --- |
${rows.join('\n')}`,
    );
    finish({
      scenario: 'bench:sentiment',
      result: { label: 'single text under load', throughput: concurrent.rps, ...concurrent },
      baseline: { label: 'bare node:http', throughput: bareLoad.rps, ...bareLoad },
      checks: [
        check('single text p50 ≤ 5 ms', `${ms(singleP50)} ms`, singleP50 <= 5),
        ...(baseP50 === undefined
          ? []
          : [
              check(
                'batch of 64 ≤ 2 × baseline build',
                `${(batchP50 / baseP50).toFixed(2)}×`,
                batchP50 <= 2 * baseP50,
              ),
            ]),
        check('idle RSS with both models < 300 MB', `${idleRss.toFixed(0)} MB`, idleRss < 300),
      ],
    });
  } finally {
    app.child.kill();
    bare?.child.kill();
    baseline?.child.kill();
    await environment.dispose();
    await baselineEnvironment?.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
