/**
 * npm run bench:sentiment — scoring cost through HTTP on the production build with the bundled
 * models: single-text latency, texts per second in batches of 64, requests per second under
 * concurrent load, and liveness latency while batches are scored. Writes the "Sentiment" section
 * of docs/benchmarks.md.
 */
import autocannon from 'autocannon';
import { createTestEnvironment } from '../../test/support/test-app';
import { LOAD, PRODUCTION_ENV, startProcess } from './harness';
import { machineLine, writeSection } from './report';

const SINGLE_RUNS = 300;
const BATCH_RUNS = 40;
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

async function modelsReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { data } = (await (await fetch(`${url}/api/models`)).json()) as {
      data: { status: string }[];
    };
    if (data.every((m) => m.status === 'ready')) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('models did not load');
}

async function main(): Promise<void> {
  const environment = await createTestEnvironment({
    ...PRODUCTION_ENV,
    ENABLE_SENTIMENT_ANALYSIS: 'true',
    FREE_TIER_LIMIT: '100000000/minute,1000000000/day',
  });
  const app = await startProcess('dist-test/src/main.js', environment.env);
  try {
    await modelsReady(app.url);
    const analyze = `${app.url}/api/sentiment/analyze`;
    const batchUrl = `${app.url}/api/sentiment/batch`;
    for (let i = 0; i < 20; i++) {
      await post(analyze, { text: HEADLINES[i % HEADLINES.length] });
    }
    const single: number[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) {
      single.push(await post(analyze, { text: `${HEADLINES[i % HEADLINES.length]} (${i})` }));
    }
    const texts = Array.from({ length: 64 }, (_, i) => `${HEADLINES[i % HEADLINES.length]} #${i}`);
    const batches: number[] = [];
    const liveness: number[] = [];
    for (let i = 0; i < BATCH_RUNS; i++) {
      let running = true;
      const batch = post(batchUrl, { texts }).finally(() => (running = false));
      while (running) {
        const started = performance.now();
        await (await fetch(`${app.url}/api/health/live`)).arrayBuffer();
        liveness.push(performance.now() - started);
      }
      batches.push(await batch);
    }
    const concurrent = await autocannon({
      url: analyze,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: HEADLINES[0] }),
      ...LOAD,
    });
    if (concurrent.non2xx > 0 || concurrent.errors > 0) {
      throw new Error(
        `analyze under load: ${concurrent.non2xx} non-2xx, ${concurrent.errors} errors`,
      );
    }
    const batchTotal = batches.reduce((a, b) => a + b, 0);
    writeSection(
      '## Sentiment (`npm run bench:sentiment`)',
      `${machineLine()}, bundled models (q8) in the inference worker thread.

The production build in its own process (NODE_ENV=production, info logging), models loaded
before measuring. Client-side times through HTTP on loopback.

| measure | result |
| --- | --- |
| single text, \`POST /api/sentiment/analyze\`, ${SINGLE_RUNS} sequential calls | p50 ${ms(percentile(single, 0.5))} ms, p95 ${ms(percentile(single, 0.95))} ms |
| batch of 64, \`POST /api/sentiment/batch\`, ${BATCH_RUNS} sequential calls | p50 ${ms(percentile(batches, 0.5))} ms, p95 ${ms(percentile(batches, 0.95))} ms → **${Math.round((64 * BATCH_RUNS) / (batchTotal / 1000))} texts/s** |
| single text under load (autocannon, ${LOAD.connections} connections, ${LOAD.duration} s) | ${Math.round(concurrent.requests.average)} req/s, p50 ${concurrent.latency.p50} ms, p99 ${concurrent.latency.p99} ms |
| \`GET /api/health/live\` while batches are scored (${liveness.length} calls) | p50 ${ms(percentile(liveness, 0.5))} ms, p95 ${ms(percentile(liveness, 0.95))} ms, max ${ms(Math.max(...liveness))} ms |`,
    );
  } finally {
    app.child.kill();
    await environment.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
