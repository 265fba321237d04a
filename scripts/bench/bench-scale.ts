/**
 * npm run bench:scale — cached price throughput of the production build as one replica and as
 * two replicas sharing PostgreSQL and Redis (every request charged to the shared counters), with
 * p99 per replica, written to docs/benchmarks.md. Targets: two replicas together serve at least
 * 0.9 × what one serves (two cores cannot show more, see the section) and each keeps p99 ≤ 50 ms.
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { FakeUpstream } from '../../test/fake-upstream/fake-upstream';
import { createPostgresDatabase } from '../../test/support/postgres';
import { freePort, PrivateRedis } from '../../test/scale/cluster-harness';
import { LOAD, type LoadResult, PRODUCTION_ENV, startProcess } from './harness';
import { machineLine, writeSection } from './report';
import { check, finish } from './summary';

const PRICES_PATH = '/api/prices?symbols=BTC,ETH,SOL';
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef0123456789';
/** Two replicas on two shared cores must not serve less than one: shared counters cost little. */
const PAIR_RATIO_TARGET = 0.9;
const P99_TARGET_MS = 50;
const BASE_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** autocannon's own latency figures, which have no p95. */
type ReplicaLoad = Omit<LoadResult, 'p95'>;

/** Loads every URL at once, the connections split between them; one result per URL. */
async function loadAll(urls: string[]): Promise<ReplicaLoad[]> {
  const connections = Math.max(1, Math.floor(LOAD.connections / urls.length));
  const results = await Promise.all(
    urls.map((url) => autocannon({ url: url + PRICES_PATH, connections, duration: LOAD.duration })),
  );
  return results.map((result, i) => {
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${urls[i]}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  });
}

async function main(): Promise<void> {
  const fake = await new FakeUpstream().start();
  const database = await createPostgresDatabase(BASE_DATABASE_URL);
  const redis = new PrivateRedis(await freePort());
  await redis.start();
  const children: ChildProcess[] = [];
  try {
    const env = {
      ...PRODUCTION_ENV,
      ...fake.env(),
      ADMIN_API_KEY: ADMIN_KEY,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `bench-${randomBytes(4).toString('hex')}:`,
      ENABLE_BACKGROUND_TASKS: 'false',
      ENABLE_SENTIMENT_ANALYSIS: 'false',
      // Anonymous callers on the free tier, limits out of reach: every request is counted in Redis.
      FREE_TIER_LIMIT: '1000000000/minute,1000000000/day',
    };
    const { REDIS_URL: _shared, ...alone } = env;
    const start = async (shared = true): Promise<ChildProcess & { url: string }> => {
      const replica = await startProcess('dist/main.js', shared ? env : alone);
      children.push(replica.child);
      // The first answer loads the cache; the rest are cached.
      await fetch(replica.url + PRICES_PATH);
      return Object.assign(replica.child, { url: replica.url });
    };
    // The one-replica deployment (no REDIS_URL: counters in memory), for comparison.
    const single = await start(false);
    const [inProcess] = await loadAll([single.url]);
    single.kill();
    const first = await start();
    const [oneShared] = await loadAll([first.url]);
    const second = await start();
    const pair = await loadAll([first.url, second.url]);
    report({ inProcess, alone: oneShared, pair, load: loadavg()[0] });
  } finally {
    children.forEach((child) => child.kill());
    await redis.stop();
    await fake.stop();
    await database.drop();
  }
}

function report(r: {
  inProcess: ReplicaLoad;
  alone: ReplicaLoad;
  pair: ReplicaLoad[];
  load: number;
}): void {
  const { inProcess, alone, pair } = r;
  const total = pair.reduce((sum, r) => sum + r.rps, 0);
  const cores = cpus().length;
  const row = (name: string, r: ReplicaLoad) =>
    `| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} |`;
  writeSection(
    '## Scale-out (`npm run bench:scale`)',
    `${machineLine()}, PostgreSQL and Redis on the same machine (load average ${r.load.toFixed(1)}
at the end: other work shared the cores, so compare the rows with each other, not with other
sections).

\`GET ${PRICES_PATH}\` answered from the cache by the production build with \`REDIS_URL\` set,
as anonymous free-tier callers with limits out of reach, so every request is charged to the
shared counters in Redis. autocannon from this process with ${LOAD.connections} connections for
${LOAD.duration} s, split evenly over the replicas loaded at once.

| replica | req/s | p50 ms | p99 ms |
| --- | --- | --- | --- |
${row('1 replica, no REDIS_URL (counters in memory)', inProcess)}
${row('1 replica with Redis', alone)}
${row('2 replicas: A', pair[0])}
${row('2 replicas: B', pair[1])}
| 2 replicas: total | ${Math.round(total)} | | |

Per core: one replica is one event loop, so ${Math.round(alone.rps)} req/s is what one core
serves. This machine has ${cores} cores, shared by the replicas, autocannon, Redis and
PostgreSQL: two replicas cannot have a core each here, which is why the total is
${(total / alone.rps).toFixed(2)} × one replica rather than 2 ×. On hosts with a core per replica
(plus the load balancer's and Redis's), throughput grows with replicas until Redis's round trips
(one per limit window per request) or the balancer limit it.`,
  );
  const worstP99 = Math.max(...pair.map((replica) => replica.p99));
  finish({
    scenario: 'bench:scale',
    result: { label: '2 replicas', throughput: total, p50: pair[0].p50, p99: worstP99 },
    baseline: { label: '1 replica with Redis', throughput: alone.rps, ...alone },
    checks: [
      check(
        `2 replicas ≥ ${PAIR_RATIO_TARGET} × 1 replica req/s`,
        (total / alone.rps).toFixed(2),
        total >= PAIR_RATIO_TARGET * alone.rps,
      ),
      check(
        `p99 of each replica ≤ ${P99_TARGET_MS} ms`,
        `${worstP99} ms`,
        worstP99 <= P99_TARGET_MS,
      ),
    ],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
