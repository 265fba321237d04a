/**
 * npm run bench:providers — failover latency and single-flight figures for the provider layer,
 * measured end to end through HTTP against the fake upstream on loopback. Writes the
 * "Provider layer" section of docs/benchmarks.md.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheService } from '../../src/core/cache';
import { percentile } from '../../src/providers/health/provider-health';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../../test/support/fake-app';
import { REPO_ROOT } from '../../test/support/test-app';
import { machineLine, writeSection } from './report';
import { check, finish, size } from './summary';

const CALL_TIMEOUT_MS = 500;
const RUNS = size(40, 10);
/** The acceptance bound for a hanging first provider with the default settings. */
const HEDGED_WORST_MS = 1500;
const HEDGED_RUNS = size(20, 5);
const SINGLE_FLIGHT_LARGE = size(1000, 200);

interface PricesBody {
  meta: { provider: string };
}

async function timedGet(t: FakeBackedApp, path: string): Promise<{ ms: number; body: PricesBody }> {
  t.running.app.get(CacheService).invalidate('prices:');
  const started = performance.now();
  const res = await fetch(t.running.url + path);
  const body = (await res.json()) as PricesBody;
  const ms = performance.now() - started;
  if (res.status !== 200) {
    throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
  }
  return { ms, body };
}

async function series(t: FakeBackedApp, runs: number, expectProvider: string) {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { ms, body } = await timedGet(t, '/api/prices?symbols=BTC,ETH');
    if (body.meta.provider !== expectProvider) {
      throw new Error(`expected ${expectProvider}, got ${body.meta.provider}`);
    }
    times.push(ms);
  }
  return {
    p50: percentile(times, 0.5) ?? 0,
    p95: percentile(times, 0.95) ?? 0,
    p99: percentile(times, 0.99) ?? 0,
    max: Math.max(...times),
  };
}

async function setEnabled(t: FakeBackedApp, id: string, enabled: boolean) {
  await fetch(`${t.running.url}/api/providers/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
    body: JSON.stringify({ enabled }),
  });
}

async function singleFlight(t: FakeBackedApp, concurrency: number) {
  t.running.app.get(CacheService).invalidate('prices:');
  t.fake.resetCounts();
  // Every upstream answers after 50 ms, so concurrent requests overlap the one in flight.
  t.fake.inject('', { type: 'delay', ms: 50 });
  const started = performance.now();
  const responses = await Promise.all(
    Array.from({ length: concurrency }, () => fetch(`${t.running.url}/api/prices?symbols=SOL,ADA`)),
  );
  const ms = performance.now() - started;
  t.fake.clear();
  return {
    ok: responses.filter((r) => r.status === 200).length,
    upstream: t.fake.count(''),
    ms,
  };
}

const f = (n: number) => n.toFixed(1);

/** The catalogue with budgets raised, so the bench measures latency rather than the budgets. */
function benchConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdt-bench-config-'));
  cpSync(join(REPO_ROOT, 'config'), dir, { recursive: true });
  const providers = JSON.parse(readFileSync(join(dir, 'providers.json'), 'utf8')) as {
    rateLimit: string;
  }[];
  providers.forEach((p) => (p.rateLimit = '100000/minute'));
  writeFileSync(join(dir, 'providers.json'), JSON.stringify(providers));
  return dir;
}

/**
 * The first provider hanging, with the default per-call timeout (5 s) and hedging: 20 requests
 * on a fresh app (no latency observed yet, so the first is hedged after the 800 ms bound), then
 * 20 on an app whose primary answered 5 times first (hedged at its p95, at least 300 ms).
 */
async function hedged(configDir: string): Promise<{ cold: Stats; warm: Stats }> {
  const start = () =>
    startFakeBackedApp({
      CONFIG_DIR: configDir,
      PROVIDER_TIMEOUT_MS: '5000',
      PROVIDER_DEADLINE_MS: '12000',
      CACHE_TTL_PRICES: '60',
      LOG_LEVEL: 'silent',
    });
  const coldApp = await start();
  try {
    coldApp.fake.inject('coingecko', { type: 'hang' });
    const cold = await series(coldApp, HEDGED_RUNS, 'binance');
    await coldApp.stop();
    const warmApp = await start();
    try {
      await series(warmApp, 5, 'coingecko');
      warmApp.fake.inject('coingecko', { type: 'hang' });
      const warm = await series(warmApp, HEDGED_RUNS, 'binance');
      return { cold, warm };
    } finally {
      await warmApp.stop();
    }
  } catch (error) {
    await coldApp.stop().catch(() => undefined);
    throw error;
  }
}

async function main(): Promise<void> {
  const CONFIG_DIR = benchConfigDir();
  const hedging = await hedged(CONFIG_DIR);
  const t = await startFakeBackedApp({
    CONFIG_DIR,
    PROVIDER_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
    CIRCUIT_BREAKER_THRESHOLD: '100',
    CACHE_TTL_PRICES: '60',
    LOG_LEVEL: 'silent',
  });
  try {
    await series(t, 5, 'coingecko');
    const baseline = await series(t, RUNS, 'coingecko');

    t.fake.inject('coingecko', { type: 'hang' });
    const hanging = await series(t, 10, 'binance');
    t.fake.clear();

    await setEnabled(t, 'coingecko', false);
    const secondaryOnly = await series(t, RUNS, 'binance');
    await setEnabled(t, 'coingecko', true);
    await t.stop();

    // A second app whose breaker opens after 3 failures, to measure failover past an open breaker.
    const u = await startFakeBackedApp({
      CONFIG_DIR,
      PROVIDER_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
      CIRCUIT_BREAKER_THRESHOLD: '3',
      CIRCUIT_BREAKER_COOLDOWN_SECONDS: '3600',
      CACHE_TTL_PRICES: '60',
    });
    try {
      u.fake.inject('coingecko', { type: 'status', status: 500 });
      await series(u, 3, 'binance');
      await series(u, 5, 'binance');
      const pastOpenBreaker = await series(u, RUNS, 'binance');
      await setEnabled(u, 'coingecko', false);
      const secondaryBaseline = await series(u, RUNS, 'binance');
      const sf100 = await singleFlight(u, 100);
      const sf1000 = await singleFlight(u, SINGLE_FLIGHT_LARGE);
      report({
        hedging,
        baseline,
        hanging,
        secondaryOnly,
        pastOpenBreaker,
        secondaryBaseline,
        sf100,
        sf1000,
      });
    } finally {
      await u.stop();
    }
  } catch (error) {
    await t.stop().catch(() => undefined);
    throw error;
  }
}

type Stats = { p50: number; p95: number; p99: number; max: number };

function report(r: {
  hedging: { cold: Stats; warm: Stats };
  baseline: Stats;
  hanging: Stats;
  secondaryOnly: Stats;
  pastOpenBreaker: Stats;
  secondaryBaseline: Stats;
  sf100: { ok: number; upstream: number; ms: number };
  sf1000: { ok: number; upstream: number; ms: number };
}): void {
  const added = r.pastOpenBreaker.p50 - r.secondaryBaseline.p50;
  const worst = Math.max(r.hedging.cold.max, r.hedging.warm.max);
  const section = `${machineLine()},
SQLite, through HTTP against the fake upstream on 127.0.0.1; cache cleared before each request;
per-call timeout ${CALL_TIMEOUT_MS} ms; ${RUNS} requests per row unless noted; request budgets
raised so they do not interfere.

| scenario | p50 ms | p95 ms | max ms |
| --- | --- | --- | --- |
| primary (CoinGecko) answers | ${f(r.baseline.p50)} | ${f(r.baseline.p95)} | ${f(r.baseline.max)} |
| primary hangs, secondary answers (10 requests) | ${f(r.hanging.p50)} | ${f(r.hanging.p95)} | ${f(r.hanging.max)} |
| secondary alone (primary disabled) | ${f(r.secondaryOnly.p50)} | ${f(r.secondaryOnly.p95)} | ${f(r.secondaryOnly.max)} |
| primary's breaker open, secondary answers | ${f(r.pastOpenBreaker.p50)} | ${f(r.pastOpenBreaker.p95)} | ${f(r.pastOpenBreaker.max)} |
| secondary alone, same app | ${f(r.secondaryBaseline.p50)} | ${f(r.secondaryBaseline.p95)} | ${f(r.secondaryBaseline.max)} |

**Hedged failover with the defaults** (per-call timeout 5000 ms, hedge after the provider's
p95 latency within 300-800 ms), CoinGecko hanging, ${HEDGED_RUNS} requests per row:

| scenario | p50 ms | p95 ms | max ms |
| --- | --- | --- | --- |
| fresh app, no latency observed (first hedge after 800 ms) | ${f(r.hedging.cold.p50)} | ${f(r.hedging.cold.p95)} | ${f(r.hedging.cold.max)} |
| after 5 good answers (hedge at its p95, at least 300 ms) | ${f(r.hedging.warm.p50)} | ${f(r.hedging.warm.p95)} | ${f(r.hedging.warm.max)} |

- Worst of ${HEDGED_RUNS} with a hanging first provider: ${f(worst)} ms (goal: at most
  ${HEDGED_WORST_MS} ms; ${worst <= HEDGED_WORST_MS ? 'met' : 'NOT met'}); without hedging it was the
  per-call timeout, 5 s. Later requests are faster once the primary's health score puts it
  behind the healthy providers, or its breaker opens.
- Hanging primary: the slowest answer took ${f(r.hanging.max)} ms against a budget of per-call
  timeout + 100 ms = ${CALL_TIMEOUT_MS + 100} ms (${r.hanging.max <= CALL_TIMEOUT_MS + 100 ? 'within' : 'OVER'} budget).
- Open breaker: failover added ${f(added)} ms at the median over calling the secondary alone
  (goal: under 10 ms; ${added < 10 ? 'met' : 'NOT met'}).
- Single-flight, cold cache, upstream delayed 50 ms: 100 concurrent identical requests → ${r.sf100.ok}
  answered, ${r.sf100.upstream} upstream request(s), ${f(r.sf100.ms)} ms in all; ${SINGLE_FLIGHT_LARGE} concurrent →
  ${r.sf1000.ok} answered, ${r.sf1000.upstream} upstream request(s), ${f(r.sf1000.ms)} ms in all.
`;
  writeSection('## Provider layer (`npm run bench:providers`)', section);
  finish({
    scenario: 'bench:providers',
    result: { label: 'past an open breaker', ...r.pastOpenBreaker },
    baseline: { label: 'secondary alone', ...r.secondaryBaseline },
    checks: [
      check(
        `hanging primary, hedged worst ≤ ${HEDGED_WORST_MS} ms`,
        `${f(worst)} ms`,
        worst <= HEDGED_WORST_MS,
      ),
      check(
        `hanging primary, slowest ≤ ${CALL_TIMEOUT_MS + 100} ms`,
        `${f(r.hanging.max)} ms`,
        r.hanging.max <= CALL_TIMEOUT_MS + 100,
      ),
      check('open breaker adds < 10 ms at p50', `${f(added)} ms`, added < 10),
      check(
        'single-flight answers every request',
        `${r.sf100.ok + r.sf1000.ok}/${100 + SINGLE_FLIGHT_LARGE}`,
        r.sf100.ok + r.sf1000.ok === 100 + SINGLE_FLIGHT_LARGE,
      ),
    ],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
