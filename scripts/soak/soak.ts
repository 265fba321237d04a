/**
 * npm run soak [-- --minutes N --seed S --phase-seconds P]: the built app in its own process
 * (production mode, background collection and sentiment models on) against the fake upstream,
 * under mixed REST traffic (prices, OHLCV, history, news, sentiment, DeFi, market) and Socket.IO
 * and /ws subscribers, while the fake upstream faults one upstream at a time on a schedule
 * (timeouts, hangs, resets, 429 with Retry-After, 5xx, HTML challenge pages, 200-with-error bodies,
 * malformed and truncated JSON, wrong types, empty answers). Prints outcomes by kind, p99 per
 * minute, RSS per minute and event-loop delay. Exits 1 when the app dies (an unhandled rejection
 * ends it), on any 5xx but the documented 503 (with `attempted`), on a price stream quiet for
 * longer than REALTIME_POLL_SECONDS + 2 s after warm-up, or on RSS growing over 10 % after warm-up (runs of 5 minutes or more).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeUpstream } from '../../test/fake-upstream/fake-upstream';
import { priceOf } from '../../test/fake-upstream/market-data';
import { type AppProcess, startAppProcess } from '../../test/support/app-process';
import { createTestEnvironment } from '../../test/support/test-app';
import { seededRandom as random } from '../model/random';
import { FaultSchedule, type Phase } from './faults';
import { printReport, SoakRecord } from './report';
import { Subscriber } from './streams';
import { runTraffic } from './traffic';

const ADMIN_KEY = 'soak-admin-key-7f3a9c2e51b84d06a1e5';
const POLL_SECONDS = 5;
const PROVIDER_TIMEOUT_MS = 2_000;
const SAMPLE_MS = 5_000;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} must be a positive number`);
  }
  return value;
}

/**
 * Event-loop delay since the previous scrape (prom-client resets its histogram on each), and the
 * V8 heap in use (MB): whether RSS growth is JavaScript's or native.
 */
async function eventLoopDelay(
  app: AppProcess,
): Promise<{ p99: number; max: number; heapMb: number }> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const value = (name: string) =>
    Math.round(Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000);
  return {
    p99: value('nodejs_eventloop_lag_p99_seconds'),
    max: value('nodejs_eventloop_lag_max_seconds'),
    // value() reads seconds into ms: bytes × 1000 here.
    heapMb: Math.round(value('nodejs_heap_size_used_bytes') / 1_048_576 / 1000),
  };
}

async function main(): Promise<void> {
  const minutes = option('minutes', 10);
  const seed = option('seed', (Date.now() % 1_000_000) + 1);
  const phaseSeconds = option('phase-seconds', 5);
  const durationMs = minutes * 60_000;
  // RSS is compared from the end of warm-up: models loaded, caches and pools filled.
  const warmUpMs = minutes >= 5 ? 120_000 : 20_000;
  const fake = await new FakeUpstream().start();
  const environment = await createTestEnvironment({
    ...fake.env(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET_KEY: 'soak-jwt-4b1f9e07c2d84a6f9e3b5c71d0a2e8f6',
    API_KEY_SALT: 'soak-salt-93c5e1a7f20b4d8e6c19a3f7b5d02e4a',
    ADMIN_API_KEY: ADMIN_KEY,
    COINCAP_API_KEY: 'soak-coincap',
    CRYPTOCOMPARE_API_KEY: 'soak-cc',
    ETHERSCAN_API_KEY: 'soak-etherscan',
    ENABLE_BACKGROUND_TASKS: 'true',
    ENABLE_SENTIMENT_ANALYSIS: 'true',
    WATCHLIST: 'BTC,ETH,SOL',
    REALTIME_POLL_SECONDS: String(POLL_SECONDS),
    PROVIDER_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
    // As the Docker image and scripts/start.sh run it (docs/reliability.md, memory).
    MALLOC_ARENA_MAX: '2',
  });
  const app = await startAppProcess(environment.env);
  const record = new SoakRecord({ minutes, seed, warmUpMs, pollSeconds: POLL_SECONDS });
  const schedule = new FaultSchedule(fake, PROVIDER_TIMEOUT_MS);
  const subscribers = [
    Subscriber.socketIo(app.url, ADMIN_KEY, 'socket.io 1'),
    Subscriber.socketIo(app.url, ADMIN_KEY, 'socket.io 2'),
    Subscriber.plain(app.url, ADMIN_KEY, '/ws 1'),
    Subscriber.plain(app.url, ADMIN_KEY, '/ws 2'),
  ];
  const started = Date.now();
  let stopped = false;
  const elapsed = () => Date.now() - started;
  const timers: NodeJS.Timeout[] = [];
  try {
    let tick = 0;
    timers.push(
      setInterval(() => {
        tick += 1;
        // A moving price each second on the fake exchange stream, as a live market would send.
        for (const symbol of ['BTC', 'ETH', 'SOL']) {
          fake.binanceStream.pushTicker(
            `${symbol}USDT`,
            priceOf(symbol) * (1 + 0.002 * Math.sin(tick / 7)),
          );
        }
      }, 1_000),
    );
    let phaseIndex = 0;
    let phase: Phase = schedule.enter(phaseIndex);
    timers.push(
      setInterval(() => {
        phaseIndex += 1;
        phase = schedule.enter(phaseIndex);
      }, phaseSeconds * 1_000),
    );
    timers.push(
      setInterval(() => {
        if (elapsed() < warmUpMs) {
          return;
        }
        for (const subscriber of subscribers) {
          record.quiet(subscriber.quiet((POLL_SECONDS + 2) * 1_000, started + warmUpMs), phase);
        }
      }, 1_000),
    );
    timers.push(
      setInterval(() => {
        if (app.child.exitCode === null && app.child.signalCode === null) {
          record.rss(elapsed(), app.rssMb());
        }
      }, SAMPLE_MS),
    );
    timers.push(
      setInterval(() => {
        eventLoopDelay(app).then(
          (delay) => record.eventLoop(elapsed(), delay),
          () => undefined,
        );
      }, 60_000),
    );
    const traffic = runTraffic({
      url: app.url,
      apiKey: ADMIN_KEY,
      clients: 4,
      pauseMs: 50,
      random: random(seed),
      stop: () => stopped || app.child.exitCode !== null,
      record: (sample) => record.sample(sample, elapsed(), phase),
    });
    while (elapsed() < durationMs && app.child.exitCode === null && app.child.signalCode === null) {
      await sleep(1_000);
    }
    stopped = true;
    await traffic;
  } finally {
    stopped = true;
    timers.forEach(clearInterval);
    subscribers.forEach((s) => s.stop());
    schedule.end();
    record.appDied(app.child.exitCode ?? app.child.signalCode, app.stderr());
    await app.stop();
    await fake.stop();
    await environment.dispose();
  }
  record.subscribers(subscribers);
  record.phases(schedule.applied);
  printReport(record);
  process.exitCode = record.failures().length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
