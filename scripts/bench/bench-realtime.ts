/**
 * npm run bench:realtime — fan-out latency: Socket.IO clients on one instance (the production
 * build in its own process) follow prices:BTC, held by child processes (fanout-clients.ts) so
 * neither the server nor this process runs them; the fake Binance stream (in this process)
 * pushes a tick, and every client's receipt is timed from that push. Clients are added in steps
 * (2,000, 5,000, 10,000), with the server's RSS after each. Writes the "Real-time" section of
 * docs/benchmarks.md.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../../src/providers/health/provider-health';
import { FakeUpstream } from '../../test/fake-upstream/fake-upstream';
import { createTestEnvironment } from '../../test/support/test-app';
import type { FromClients, ToClients } from './fanout-clients';
import { cpuMs, PRODUCTION_ENV, rssMb, startProcess } from './harness';
import { machineLine, writeSection } from './report';
import { check, finish, size } from './summary';

const STEPS = size([2_000, 5_000, 10_000], [500, 1_000]);
const CLIENT_PROCESSES = size(4, 2);
const ROUNDS = size(20, 5);
/** Longer than REALTIME_THROTTLE_MS, so no tick is held back by the per-client throttle. */
const ROUND_GAP_MS = 1_200;
const TARGET_MS = 250;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

/** One child process holding a share of the clients. */
class ClientProcess {
  private readonly child: ChildProcess = fork(join(__dirname, 'fanout-clients.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  get pid(): number {
    return this.child.pid!;
  }

  request(message: ToClients): Promise<FromClients> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`client process exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (answer: FromClients) => {
        this.child.off('exit', onExit);
        if (answer.type === 'error') {
          reject(new Error(answer.message));
        } else {
          resolve(answer);
        }
      });
      this.child.send(message);
    });
  }

  close(): void {
    if (this.child.connected) {
      this.child.send({ type: 'close' } satisfies ToClients);
    }
    setTimeout(() => this.child.kill(), 2_000).unref();
  }
}

interface StepResult {
  clients: number;
  connectSeconds: number;
  latencies: number[];
  lastPerRound: number[];
  missed: number;
  /** Clients the server had dropped as too slow by the end of the step, since the start. */
  dropped: number;
  rssMb: number;
  /** CPU time per tick: the server's, and the client processes' together. */
  serverCpuMs: number;
  clientsCpuMs: number;
}

const now = () => performance.timeOrigin + performance.now();

/** Pushes ROUNDS ticks and gathers every client's receipt of each from the child processes. */
async function rounds(
  fake: FakeUpstream,
  children: ClientProcess[],
  clients: number,
  base: number,
) {
  const pushedAt = new Map<number, number>();
  for (let round = 0; round < ROUNDS; round += 1) {
    const price = base + round;
    pushedAt.set(price, now());
    fake.binanceStream.pushTicker('BTCUSDT', price);
    await sleep(ROUND_GAP_MS);
  }
  const answers = await Promise.all(children.map((c) => c.request({ type: 'collect' })));
  const latencies: number[] = [];
  const lastPerRound: number[] = [];
  let received = 0;
  for (const [price, pushed] of pushedAt) {
    const times = answers.flatMap((a) =>
      a.type === 'receipts' ? (a.receipts[String(price)] ?? []) : [],
    );
    received += times.length;
    const round = times.map((at) => at - pushed);
    latencies.push(...round);
    lastPerRound.push(round.length ? Math.max(...round) : Infinity);
  }
  const dropped = answers.reduce((sum, a) => sum + (a.type === 'receipts' ? a.dropped : 0), 0);
  return { latencies, lastPerRound, missed: clients * ROUNDS - received, dropped };
}

async function enterpriseKey(url: string): Promise<string> {
  const created = await fetch(`${url}/api/auth/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
    body: JSON.stringify({ name: 'bench', tier: 'enterprise' }),
  });
  return ((await created.json()) as { key: string }).key;
}

async function main(): Promise<void> {
  const fake = await new FakeUpstream().start();
  const environment = await createTestEnvironment({
    ...fake.env(),
    ...PRODUCTION_ENV,
    ADMIN_API_KEY: ADMIN_KEY,
  });
  const app = await startProcess('dist-test/src/main.js', environment.env);
  const children = Array.from({ length: CLIENT_PROCESSES }, () => new ClientProcess());
  try {
    const token = await enterpriseKey(app.url);
    const idleRss = rssMb(app.child.pid!);
    const results: StepResult[] = [];
    let connected = 0;
    for (const [step, clients] of STEPS.entries()) {
      const started = performance.now();
      const add = clients - connected;
      await Promise.all(
        children.map((child, i) => {
          const count = Math.floor(add / children.length) + (i < add % children.length ? 1 : 0);
          return child.request({ type: 'connect', url: app.url, token, count });
        }),
      );
      connected = clients;
      const connectSeconds = (performance.now() - started) / 1000;
      while (!fake.binanceStream.subscribedStreams().includes('btcusdt@miniTicker')) {
        await sleep(50);
      }
      await sleep(ROUND_GAP_MS);
      // Drop the snapshots sent on subscribing: only the pushed rounds count.
      await Promise.all(children.map((c) => c.request({ type: 'collect' })));
      const clientsCpu = () => children.reduce((sum, c) => sum + cpuMs(c.pid), 0);
      const serverBefore = cpuMs(app.child.pid!);
      const clientsBefore = clientsCpu();
      const measured = await rounds(fake, children, clients, 100_000 + step * 1_000);
      results.push({
        clients,
        connectSeconds,
        ...measured,
        rssMb: rssMb(app.child.pid!),
        serverCpuMs: (cpuMs(app.child.pid!) - serverBefore) / ROUNDS,
        clientsCpuMs: (clientsCpu() - clientsBefore) / ROUNDS,
      });
    }
    report(results, idleRss);
  } finally {
    children.forEach((c) => c.close());
    app.child.kill();
    await fake.stop();
    await environment.dispose();
  }
}

/** Infinity is a tick no client received (every client's copy was superseded by the next). */
const f = (n: number | null) => (n === Infinity ? 'a tick reached none' : (n ?? 0).toFixed(1));

function report(results: StepResult[], idleRss: number): void {
  const p99 = (r: StepResult) => percentile(r.latencies, 0.99) ?? Infinity;
  const lastP99 = (r: StepResult) => percentile(r.lastPerRound, 0.99) ?? Infinity;
  const rows = results.map(
    (r) =>
      `| ${r.clients.toLocaleString('en')} | ${r.connectSeconds.toFixed(1)} | ${f(percentile(r.latencies, 0.5))} | ${f(percentile(r.latencies, 0.95))} | ${f(p99(r))} | ${f(lastP99(r))} | ${r.missed.toLocaleString('en')} | ${r.dropped} | ${r.rssMb.toFixed(0)} | ${r.serverCpuMs.toFixed(0)} | ${r.clientsCpuMs.toFixed(0)} |`,
  );
  const meeting = results.filter((r) => p99(r) <= TARGET_MS && r.missed === 0);
  const largest = meeting.length ? Math.max(...meeting.map((r) => r.clients)) : 0;
  const first = results[0];
  const last = results[results.length - 1];
  writeSection(
    '## Real-time (`npm run bench:realtime`)',
    `${machineLine()}.

Socket.IO clients (websocket transport, one enterprise key) on one instance (the production
build in its own process, info logging), all following \`prices:BTC\`, held by
${CLIENT_PROCESSES} client processes of their own and added in steps; the server's RSS was
${idleRss.toFixed(0)} MB before any connected. At each step the fake Binance stream (in the
bench process) pushed ${ROUNDS} ticks ${ROUND_GAP_MS} ms apart; each receipt is timed from the
push on the machine's wall clock (\`performance.timeOrigin + now()\`, shared by the processes).
The CPU columns are the user + system time each side used over a step's rounds divided by the
rounds (10 ms resolution, heartbeats included): what a tick costs, however long the processes
waited for a core.

| clients | connect s | receipt p50 ms | p95 ms | p99 ms | last client of a tick, p99 ms | missed | dropped as slow | server RSS MB | server CPU ms per tick | clients' CPU ms per tick |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Goals: ${first.clients.toLocaleString('en')} clients, tick to the last client's receipt p99 under
${TARGET_MS} ms (${lastP99(first) < TARGET_MS && first.missed === 0 ? 'met' : 'NOT met'});
${last.clients.toLocaleString('en')} clients, receipt p99 ≤ ${TARGET_MS} ms with none missed
(${p99(last) <= TARGET_MS && last.missed === 0 ? 'met' : 'NOT met'}). Largest step meeting
${TARGET_MS} ms at p99: ${largest.toLocaleString('en')} clients.`,
  );
  finish({
    scenario: 'bench:realtime',
    result: {
      label: `${last.clients} clients`,
      p50: percentile(last.latencies, 0.5) ?? 0,
      p95: percentile(last.latencies, 0.95) ?? 0,
      p99: p99(last),
    },
    baseline: {
      label: `${first.clients} clients`,
      p50: percentile(first.latencies, 0.5) ?? 0,
      p95: percentile(first.latencies, 0.95) ?? 0,
      p99: p99(first),
    },
    checks: [
      check(
        `${first.clients} clients, last receipt of a tick p99 < ${TARGET_MS} ms`,
        `${f(lastP99(first))} ms, ${first.missed} missed`,
        lastP99(first) < TARGET_MS && first.missed === 0,
      ),
      check(
        `${last.clients} clients, receipt p99 ≤ ${TARGET_MS} ms`,
        `${f(p99(last))} ms, ${last.missed} missed, server ${last.rssMb.toFixed(0)} MB`,
        p99(last) <= TARGET_MS && last.missed === 0,
      ),
    ],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
