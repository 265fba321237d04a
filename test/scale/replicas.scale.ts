import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { FakeUpstream } from '../fake-upstream/fake-upstream';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres';
import { REPO_ROOT } from '../support/test-app';
import { eventually, freePort, PrivateRedis, Replica } from './cluster-harness';

/**
 * Two replicas of the built app on different ports, sharing a fresh PostgreSQL database and a
 * private Redis, against the fake upstream: the scale-out acceptance (docs/deploy.md).
 */
const ADMIN_KEY = 'scale-admin-key-0123456789abcdef0123';
const LOCK_TTL_SECONDS = 3;
const BASE_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Every collector far away (1 January), so upstream call counts are the test's own. */
const YEARLY = '0 0 1 1 *';
const QUIET_JOBS = [
  'PRICES',
  'CANDLES',
  'TRENDING',
  'COINS',
  'DEFI',
  'NEWS',
  'FEAR_GREED',
  'CLEANUP',
  'BACKUP',
  'SENTIMENT',
  'SENTIMENT_RESCORE',
  'HEALTH',
];

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function get(base: string, path: string, key?: string): Promise<Answer> {
  const res = await fetch(`${base}${path}`, { headers: key ? { 'X-API-Key': key } : {} });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

async function send(base: string, method: string, path: string, body: unknown): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'X-API-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Record<string, unknown>,
  };
}

function limitHeaders(answer: Answer): string[] {
  return ['x-ratelimit-limit', 'x-ratelimit-remaining'].map((h) => answer.headers.get(h) ?? '');
}

/** The job's run count in a replica's Prometheus text. */
async function jobRuns(base: string, job: string): Promise<number> {
  const res = await fetch(`${base}/metrics`, { headers: { 'X-API-Key': ADMIN_KEY } });
  const text = await res.text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`job_runs_total{job="${job}",result="ok"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('two replicas on PostgreSQL and Redis', () => {
  let fake: FakeUpstream;
  let database: TestDatabase;
  let redis: PrivateRedis;
  let a: Replica;
  let b: Replica;
  const sockets: Socket[] = [];
  const wsClients: WebSocket[] = [];

  const newKey = async (tier: string): Promise<{ id: number; key: string }> => {
    const created = await send(a.url, 'POST', '/api/auth/keys', { name: `scale-${tier}`, tier });
    assert.equal(created.status, 201);
    return { id: created.body.id as number, key: created.body.key as string };
  };

  /** 40 requests alternating between the replicas: the statuses and the answers. */
  const alternate = async (key?: string): Promise<Answer[]> => {
    const answers: Answer[] = [];
    for (let i = 0; i < 40; i += 1) {
      answers.push(await get(i % 2 === 0 ? a.url : b.url, '/api/prices/BTC', key));
    }
    return answers;
  };

  const assertExactLimit = (answers: Answer[]): void => {
    const statuses = answers.map((r) => r.status);
    assert.deepEqual(statuses, [...Array<number>(30).fill(200), ...Array<number>(10).fill(429)]);
    // One counter: each success, whichever replica answered, shows one fewer remaining.
    assert.deepEqual(
      answers.slice(0, 30).map((r) => Number(r.headers.get('x-ratelimit-remaining'))),
      Array.from({ length: 30 }, (_, i) => 29 - i),
    );
    const [fromA, fromB] = [answers[38], answers[39]];
    assert.deepEqual(limitHeaders(fromA), ['30', '0']);
    assert.deepEqual(limitHeaders(fromB), limitHeaders(fromA));
    const resets = [fromA, fromB].map((r) => Number(r.headers.get('x-ratelimit-reset')));
    assert.ok(Math.abs(resets[0] - resets[1]) <= 1, `resets ${resets.join(' vs ')}`);
  };

  before(async () => {
    fake = await new FakeUpstream().start();
    database = await createPostgresDatabase(BASE_DATABASE_URL);
    redis = new PrivateRedis(await freePort());
    await redis.start();
    const env: Record<string, string> = {
      ...fake.env(),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      CONFIG_DIR: `${REPO_ROOT}/config`,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `scale-${randomBytes(4).toString('hex')}:`,
      CLUSTER_LOCK_TTL_SECONDS: String(LOCK_TTL_SECONDS),
      ADMIN_API_KEY: ADMIN_KEY,
      COINCAP_API_KEY: 'test-coincap',
      CRYPTOCOMPARE_API_KEY: 'test-cc',
      ETHERSCAN_API_KEY: 'test-etherscan',
      ENABLE_BACKGROUND_TASKS: 'true',
      ENABLE_SENTIMENT_ANALYSIS: 'false',
      FREE_TIER_LIMIT: '30/minute',
      PROVIDER_HEDGE_MAX_MS: '0',
      REALTIME_THROTTLE_MS: '0',
      SCHEDULE_STATS_BROADCAST: '* * * * * *',
      ...Object.fromEntries(QUIET_JOBS.map((job) => [`SCHEDULE_${job}`, YEARLY])),
    };
    a = new Replica('replica-a', await freePort(), env);
    b = new Replica('replica-b', await freePort(), env);
    // A first, so it takes the lead; B then starts on migrated tables.
    await a.start();
    await b.start();
  });

  after(async () => {
    sockets.forEach((s) => s.disconnect());
    wsClients.forEach((ws) => ws.terminate());
    for (const replica of [a, b]) {
      if (process.exitCode) {
        console.error(`--- ${replica.id} log ---\n${replica.logTail()}`);
      }
      await replica?.kill();
      replica?.dispose();
    }
    await redis?.stop();
    await fake?.stop();
    await database?.drop();
  });

  it('one replica leads, and /api/jobs says which on both', async () => {
    for (const replica of [a, b]) {
      const jobs = await get(replica.url, '/api/jobs', ADMIN_KEY);
      assert.deepEqual(jobs.body.cluster, {
        replica: replica.id,
        leader: 'replica-a',
        this_replica_leads: replica === a,
      });
    }
  });

  it('50 concurrent cold requests for one price over both replicas make one upstream call', async () => {
    await eventually(
      async () => {
        const before = fake.count('');
        await sleep(500);
        return fake.count('') === before;
      },
      15_000,
      'start-up calls settle',
    );
    const before = fake.count('');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        get(i % 2 ? b.url : a.url, '/api/prices/DOGE', ADMIN_KEY),
      ),
    );
    assert.deepEqual(new Set(answers.map((r) => r.status)), new Set([200]));
    const prices = new Set(answers.map((r) => (r.body.data as { price: number }).price));
    assert.equal(prices.size, 1, 'every replica serves the one loaded price');
    assert.equal(fake.count('') - before, 1);
  });

  it('a free key alternating between replicas gets exactly 30 answers, then 429s alike', async () => {
    const { key } = await newKey('free');
    assertExactLimit(await alternate(key));
  });

  it('so does an anonymous caller from one address', async () => {
    assertExactLimit(await alternate());
  });

  it('a key revoked on replica A is refused on replica B within 1 s', async () => {
    const { id, key } = await newKey('pro');
    assert.equal((await get(b.url, '/api/prices/BTC', key)).status, 200);
    const revoked = await send(a.url, 'DELETE', `/api/auth/keys/${id}`, {});
    assert.ok(revoked.status < 300, `revoke answered ${revoked.status}`);
    const took = await eventually(
      async () => (await get(b.url, '/api/prices/BTC', key)).status === 401,
      1_000,
      'revocation reaches replica B',
    );
    assert.ok(took < 1_000);
  });

  it("a provider's Retry-After met on A keeps B off that provider too", async () => {
    fake.inject('coingecko', { type: 'status', status: 429, retryAfter: 30 }, 1);
    const first = await get(a.url, '/api/prices?symbols=SOL', ADMIN_KEY);
    const attempted = (first.body.meta as { attempted: { provider: string; outcome: string }[] })
      .attempted;
    assert.deepEqual(attempted[0], {
      ...attempted[0],
      provider: 'coingecko',
      outcome: 'rate_limited',
    });
    await eventually(
      async () => {
        const provider = await get(b.url, '/api/providers/coingecko', ADMIN_KEY);
        const seconds = provider.body.cooling_down_seconds as number;
        return seconds >= 28 && seconds <= 30;
      },
      1_000,
      'replica B knows the cool-down',
    );
    const calls = fake.count('coingecko');
    const next = await get(b.url, '/api/prices?symbols=ADA', ADMIN_KEY);
    assert.equal(next.status, 200);
    assert.notEqual((next.body.meta as { provider: string }).provider, 'coingecko');
    assert.equal(fake.count('coingecko'), calls, 'B sent coingecko nothing');
  });

  it('a Socket.IO client on A and a /ws client on B both get a tick the leader streamed', async () => {
    const socket = io(a.url, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ioPrices: number[] = [];
    socket.on('price', (p: { price: number }) => ioPrices.push(p.price));
    await socket.emitWithAck('subscribe', { channels: ['prices:ETH'] });
    const ws = new WebSocket(`${b.url.replace(/^http/, 'ws')}/ws`);
    wsClients.push(ws);
    const wsPrices: number[] = [];
    ws.on('message', (raw) => {
      const message = JSON.parse((raw as Buffer).toString()) as {
        event: string;
        data: { price: number };
      };
      if (message.event === 'price') {
        wsPrices.push(message.data.price);
      }
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ action: 'subscribe', channels: ['prices:XRP'] }));
    ws.send(JSON.stringify({ action: 'subscribe', channels: ['prices:ETH'] }));
    await eventually(
      () =>
        ['ethusdt@miniTicker', 'xrpusdt@miniTicker'].every((s) =>
          fake.binanceStream.subscribedStreams().includes(s),
        ),
      10_000,
      'the leader streams what clients on both replicas follow',
    );
    fake.binanceStream.pushTicker('ETHUSDT', 3210.5);
    await eventually(
      () => ioPrices.includes(3210.5) && wsPrices.includes(3210.5),
      3_000,
      'the tick reaches both clients',
    );
  });

  it('each job runs once per tick cluster-wide, on the leader', async () => {
    const [a0, b0] = [
      await jobRuns(a.url, 'stats-broadcast'),
      await jobRuns(b.url, 'stats-broadcast'),
    ];
    const started = Date.now();
    await sleep(5_000);
    const [a1, b1] = [
      await jobRuns(a.url, 'stats-broadcast'),
      await jobRuns(b.url, 'stats-broadcast'),
    ];
    const ticks = (Date.now() - started) / 1000;
    assert.equal(b1 - b0, 0, 'the follower ran no tick');
    const runs = a1 - a0 + (b1 - b0);
    assert.ok(
      Math.abs(runs - ticks) <= 1.5,
      `${runs} runs over ${ticks.toFixed(1)} one-second ticks`,
    );
  });

  it('killing the leader moves the jobs and the stream to B within the lock TTL', async () => {
    const wsPrices: number[] = [];
    wsClients[0].on('message', (raw) => {
      const message = JSON.parse((raw as Buffer).toString()) as {
        event: string;
        data: { price: number };
      };
      if (message.event === 'price') {
        wsPrices.push(message.data.price);
      }
    });
    await a.kill();
    const took = await eventually(
      async () =>
        (await get(b.url, '/api/jobs', ADMIN_KEY)).body.cluster !== undefined &&
        ((await get(b.url, '/api/jobs', ADMIN_KEY)).body.cluster as { this_replica_leads: boolean })
          .this_replica_leads,
      (LOCK_TTL_SECONDS + 2) * 1000,
      'replica B takes the lead',
    );
    assert.ok(took <= (LOCK_TTL_SECONDS + 1.5) * 1000, `handover took ${took} ms`);
    const runs = await jobRuns(b.url, 'stats-broadcast');
    await eventually(
      async () => (await jobRuns(b.url, 'stats-broadcast')) > runs,
      3_000,
      'the new leader runs the jobs',
    );
    await eventually(
      () => fake.binanceStream.subscribedStreams().includes('ethusdt@miniTicker'),
      5_000,
      'the new leader holds the stream',
    );
    await eventually(
      () => {
        fake.binanceStream.pushTicker('ETHUSDT', 3300.25);
        return wsPrices.includes(3300.25);
      },
      5_000,
      'the /ws client on B keeps receiving',
    );
    await a.start();
  });

  it('with Redis stopped both replicas answer and say degraded; back, limits are shared again', async () => {
    await redis.stop();
    for (const replica of [a, b]) {
      assert.equal((await get(replica.url, '/api/prices/BTC', ADMIN_KEY)).status, 200);
      await eventually(
        async () => {
          const health = await get(replica.url, '/api/health');
          const redisHealth = (
            health.body.components as Record<string, { status: string; message: string }>
          ).redis;
          return (
            health.body.status === 'degraded' &&
            redisHealth.status === 'degraded' &&
            /rate limits are counted per replica/.test(redisHealth.message)
          );
        },
        5_000,
        `${replica.id} health says degraded`,
      );
    }
    await redis.start();
    for (const replica of [a, b]) {
      await eventually(
        async () => {
          const health = await get(replica.url, '/api/health');
          return (
            (health.body.components as Record<string, { status: string }>).redis.status === 'up'
          );
        },
        10_000,
        `${replica.id} reconnects`,
      );
    }
    const { key } = await newKey('free');
    assertExactLimit(await alternate(key));
  });
});
