/**
 * npm run bench:realtime — fan-out latency: 2,000 Socket.IO clients on one instance (the
 * production build in its own process) follow prices:BTC; the fake Binance stream pushes a
 * tick, and every client's receipt is timed from that push. Writes the "Real-time" section of
 * docs/benchmarks.md.
 */
import { io, type Socket } from 'socket.io-client';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../../src/providers/health/provider-health';
import { FakeUpstream } from '../../test/fake-upstream/fake-upstream';
import { createTestEnvironment } from '../../test/support/test-app';
import { PRODUCTION_ENV, startProcess } from './harness';
import { machineLine, writeSection } from './report';

const CLIENTS = 2_000;
const ROUNDS = 20;
/** Longer than REALTIME_THROTTLE_MS, so no tick is held back by the per-client throttle. */
const ROUND_GAP_MS = 1_200;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

async function connectAll(url: string, token: string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < CLIENTS; i += 100) {
    const batch = Array.from({ length: Math.min(100, CLIENTS - i) }, () =>
      io(url, { transports: ['websocket'], auth: { token }, reconnection: false }),
    );
    await Promise.all(
      batch.map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
          }),
      ),
    );
    await Promise.all(batch.map((s) => s.emitWithAck('subscribe', { channels: ['prices:BTC'] })));
    sockets.push(...batch);
  }
  return sockets;
}

async function main(): Promise<void> {
  const fake = await new FakeUpstream().start();
  const environment = await createTestEnvironment({
    ...fake.env(),
    ...PRODUCTION_ENV,
    ADMIN_API_KEY: ADMIN_KEY,
  });
  const app = await startProcess('dist-test/src/main.js', environment.env);
  let sockets: Socket[] = [];
  try {
    const created = await fetch(`${app.url}/api/auth/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: JSON.stringify({ name: 'bench', tier: 'enterprise' }),
    });
    const { key } = (await created.json()) as { key: string };
    const connectStarted = performance.now();
    sockets = await connectAll(app.url, key);
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    while (!fake.binanceStream.subscribedStreams().includes('btcusdt@miniTicker')) {
      await sleep(50);
    }
    await sleep(ROUND_GAP_MS);

    const latencies: number[] = [];
    const lastPerRound: number[] = [];
    let missed = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const price = 100_000 + round;
      const received: number[] = [];
      const handler = (tick: { price: number }) => {
        if (tick.price === price) {
          received.push(performance.now());
        }
      };
      sockets.forEach((s) => s.on('price', handler));
      const pushed = performance.now();
      fake.binanceStream.pushTicker('BTCUSDT', price);
      await sleep(ROUND_GAP_MS);
      sockets.forEach((s) => s.off('price', handler));
      missed += CLIENTS - received.length;
      const round_ = received.map((at) => at - pushed);
      latencies.push(...round_);
      lastPerRound.push(Math.max(...round_));
    }
    report({ connectSeconds, latencies, lastPerRound, missed });
  } finally {
    sockets.forEach((s) => s.disconnect());
    app.child.kill();
    await fake.stop();
    await environment.dispose();
  }
}

const f = (n: number | null) => (n ?? 0).toFixed(1);

function report(r: {
  connectSeconds: number;
  latencies: number[];
  lastPerRound: number[];
  missed: number;
}): void {
  const lastP99 = percentile(r.lastPerRound, 0.99) ?? Infinity;
  writeSection(
    '## Real-time (`npm run bench:realtime`)',
    `${machineLine()}.

${CLIENTS} Socket.IO clients (websocket transport, one enterprise key) connected to one instance
(the production build in its own process, info logging) in ${r.connectSeconds.toFixed(1)} s, all
following \`prices:BTC\`. The fake Binance stream pushed ${ROUNDS} ticks ${ROUND_GAP_MS} ms apart;
each client's receipt is timed from the push (clients and fake stream share this process's clock).

| measure | ms |
| --- | --- |
| every receipt, p50 | ${f(percentile(r.latencies, 0.5))} |
| every receipt, p99 | ${f(percentile(r.latencies, 0.99))} |
| last client of a tick, p50 | ${f(percentile(r.lastPerRound, 0.5))} |
| last client of a tick, p99 | ${f(lastP99)} |

${r.latencies.length} receipts, ${r.missed} missed. Goal: tick to the last client's receipt, p99 under
250 ms (${lastP99 < 250 && r.missed === 0 ? 'met' : 'NOT met'}).`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
