/**
 * npm run bench:auth — what authentication costs: requests per second on the same cached endpoint
 * for anonymous callers, an API key and a JWT, against the production build in its own process,
 * in one run. Limits are raised so every request is counted but none refused. Writes the
 * "Authentication" section of docs/benchmarks.md.
 */
import { FakeUpstream } from '../../test/fake-upstream/fake-upstream';
import { createTestEnvironment } from '../../test/support/test-app';
import {
  LOAD,
  load,
  type LoadResult,
  PRODUCTION_ENV,
  startBareTwin,
  startProcess,
} from './harness';
import { machineLine, writeSection } from './report';
import { check, finish } from './summary';

const PATH = '/api/prices?symbols=BTC,ETH,SOL';
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const HIGH_LIMITS = '100000000/minute,1000000000/day';

async function post<T>(
  url: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`${url}: HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

async function main(): Promise<void> {
  const fake = await new FakeUpstream().start();
  const environment = await createTestEnvironment({
    ...fake.env(),
    ...PRODUCTION_ENV,
    CACHE_TTL_PRICES: '3600',
    ADMIN_API_KEY: ADMIN_KEY,
    FREE_TIER_LIMIT: HIGH_LIMITS,
    PRO_TIER_LIMIT: HIGH_LIMITS,
  });
  const app = await startProcess('dist-test/src/main.js', environment.env);
  let bare: Awaited<ReturnType<typeof startBareTwin>> | undefined;
  try {
    const { key } = await post<{ key: string }>(
      `${app.url}/api/auth/keys`,
      { name: 'bench', tier: 'pro' },
      { 'x-api-key': ADMIN_KEY },
    );
    const { access_token: token } = await post<{ access_token: string }>(
      `${app.url}/api/auth/token`,
      { api_key: key },
    );
    await fetch(app.url + PATH);
    await fetch(app.url + PATH);
    bare = await startBareTwin(app.url + PATH, { headers: { 'x-api-key': key } });
    const bareResult = await load(bare.url + PATH);
    const anonymous = await load(app.url + PATH);
    const withKey = await load(app.url + PATH, { 'x-api-key': key });
    const withJwt = await load(app.url + PATH, { authorization: `Bearer ${token}` });
    report({ bare: bareResult, anonymous, withKey, withJwt });
  } finally {
    app.child.kill();
    bare?.child.kill();
    await fake.stop();
    await environment.dispose();
  }
}

function report(r: {
  bare: LoadResult;
  anonymous: LoadResult;
  withKey: LoadResult;
  withJwt: LoadResult;
}): void {
  const ms = (n: number) => n.toFixed(2);
  const row = (name: string, x: LoadResult) =>
    `| ${name} | ${Math.round(x.rps)} | ${(x.rps / r.anonymous.rps).toFixed(2)} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.p99)} |`;
  const keyRatio = r.withKey.rps / r.anonymous.rps;
  writeSection(
    '## Authentication (`npm run bench:auth`)',
    `${machineLine()}, SQLite.

\`GET ${PATH}\` answered from the cache by the production build (its own process,
NODE_ENV=production, info logging), loaded by autocannon with ${LOAD.connections} connections for
${LOAD.duration} s per row, in one run. Every request is identified and counted against its
caller's limits (raised high enough that none is refused). Baseline: a bare \`node:http\` server
(its own process) returning the bytes and headers of the keyed answer.

| caller | req/s | vs anonymous | p50 ms | p95 ms | p99 ms |
| --- | --- | --- | --- | --- | --- |
${row('bare node:http (baseline)', r.bare)}
${row('anonymous (free tier by address)', r.anonymous)}
${row('X-API-Key (pro key)', r.withKey)}
${row('Authorization: Bearer JWT', r.withJwt)}

Key vs anonymous: ${keyRatio.toFixed(2)} (goal: at least 0.9; ${keyRatio >= 0.9 ? 'met' : 'NOT met'}).`,
  );
  finish({
    scenario: 'bench:auth',
    result: { label: 'X-API-Key', throughput: r.withKey.rps, ...r.withKey },
    baseline: { label: 'bare node:http', throughput: r.bare.rps, ...r.bare },
    checks: [check('key ≥ 0.9 × anonymous req/s', keyRatio.toFixed(2), keyRatio >= 0.9)],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
