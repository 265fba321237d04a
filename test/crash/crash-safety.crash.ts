/**
 * Crash safety (issue 22): the built app in a child process is killed with SIGKILL while a
 * collection run (prices, candles, DeFi, news, backup) is under way, and started again on the same
 * SQLite database. After each restart: `PRAGMA integrity_check` passes, every run committed before
 * the kill is still whole, no run is half stored, no partial backup is left, and the next run
 * catches up. The kill lands at a random moment within the run's measured duration (seeded:
 * CRASH_SEED); CRASH_CYCLES repeats the five kills (3 by default, 1 in CI).
 *
 * `npm run test:crash`. SQLite only: PostgreSQL's own crash recovery is not this app's to test.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { seededRandom as random } from '../../scripts/model/random';
import { SQLITE_FILE_NAME } from '../../src/core/config/load-config';
import { FakeUpstream } from '../fake-upstream/fake-upstream';
import { type AppProcess, startAppProcess } from '../support/app-process';
import { ADMIN_KEY } from '../support/fake-app';
import { TEST_DATABASE_URL } from '../support/postgres';
import { createTestEnvironment, type TestEnvironment } from '../support/test-app';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
/** Twelve feeds of three stories each, new to the database, so the news run has work to cut. */
const FEEDS = Array.from({ length: 12 }, (_, i) => `crash-feed-${i}`);
const STORIES_PER_FEED = 3;
const KINDS = ['prices', 'candles', 'defi', 'news', 'backup'] as const;
type Kind = (typeof KINDS)[number];

interface JobRun {
  result: 'ok' | 'failed';
  rows: number | null;
  error: string | null;
  duration_ms: number;
}

async function runJob(app: AppProcess, kind: Kind): Promise<JobRun> {
  const res = await fetch(`${app.url}/api/jobs/${kind}/run`, {
    method: 'POST',
    headers: { 'x-api-key': ADMIN_KEY },
  });
  assert.equal(res.status, 200, `${kind} run: ${res.status}`);
  return (await res.json()) as JobRun;
}

/** What the database holds, counted per run so that a half-stored one shows. */
interface Stored {
  prices: number;
  snapshots: number;
  candles: number;
  /** Candle open times held for some watched coins but not all (a run cut between coins). */
  unevenCandleTimes: number;
  protocolRuns: number[];
  tvlDays: number;
  storiesPerFeed: Map<string, number>;
  backups: string[];
  partials: string[];
}

function read(environment: TestEnvironment): Stored {
  const db = new Database(join(environment.dataDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    assert.equal(integrity, 'ok', `PRAGMA integrity_check: ${String(integrity)}`);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const backupsDir = join(environment.dataDir, 'backups');
    const files = existsSync(backupsDir) ? readdirSync(backupsDir) : [];
    return {
      prices: count('SELECT count(*) AS n FROM prices'),
      snapshots: count('SELECT count(*) AS n FROM market_snapshots'),
      candles: count('SELECT count(*) AS n FROM ohlcv'),
      unevenCandleTimes: count(
        `SELECT count(*) AS n FROM (SELECT open_time FROM ohlcv GROUP BY interval, open_time
           HAVING count(DISTINCT symbol) <> (SELECT count(DISTINCT symbol) FROM ohlcv))`,
      ),
      protocolRuns: (
        db
          .prepare('SELECT count(*) AS n FROM defi_protocols GROUP BY timestamp ORDER BY timestamp')
          .all() as { n: number }[]
      ).map((r) => r.n),
      tvlDays: count('SELECT count(*) AS n FROM defi_tvl_daily'),
      storiesPerFeed: new Map(
        (
          db.prepare('SELECT source, count(*) AS n FROM news GROUP BY source').all() as {
            source: string;
            n: number;
          }[]
        ).map((r) => [r.source, r.n]),
      ),
      backups: files.filter((f) => !f.includes('.partial')),
      partials: files.filter((f) => f.includes('.partial')),
    };
  } finally {
    db.close();
  }
}

function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** No run half stored: the invariants every whole run keeps, whatever was killed when. */
function assertWhole(stored: Stored, environment: TestEnvironment, pricesPerRun: number): void {
  assert.equal(
    stored.prices,
    stored.snapshots * pricesPerRun,
    `prices stored without their snapshot (or the reverse): ${stored.prices} prices, ${stored.snapshots} snapshots of ${pricesPerRun}`,
  );
  assert.equal(stored.unevenCandleTimes, 0, 'a candles run stored some coins but not others');
  assert.equal(
    new Set(stored.protocolRuns).size <= 1,
    true,
    `DeFi runs of uneven size: ${stored.protocolRuns.join(', ')}`,
  );
  if (stored.protocolRuns.length > 0) {
    assert.ok(stored.tvlDays > 0, "a DeFi run's protocols were stored without its daily totals");
  }
  for (const [feed, stories] of stored.storiesPerFeed) {
    assert.equal(stories, STORIES_PER_FEED, `feed ${feed} half stored: ${stories} stories`);
  }
  assert.deepEqual(stored.partials, [], 'partial backups left after the restart');
  for (const backup of stored.backups) {
    assert.equal(integrityOf(join(environment.dataDir, 'backups', backup)), 'ok', backup);
  }
}

/** Nothing a committed run stored is gone after the kill. */
function assertKept(before: Stored, after: Stored): void {
  assert.ok(after.prices >= before.prices && after.snapshots >= before.snapshots, 'prices lost');
  assert.ok(after.candles >= before.candles, 'candles lost');
  assert.ok(after.protocolRuns.length >= before.protocolRuns.length, 'DeFi runs lost');
  assert.ok(after.tvlDays >= before.tvlDays, 'DeFi daily totals lost');
  for (const [feed, stories] of before.storiesPerFeed) {
    assert.equal(after.storiesPerFeed.get(feed), stories, `stories of ${feed} lost`);
  }
  for (const backup of before.backups) {
    assert.ok(after.backups.includes(backup), `backup ${backup} lost`);
  }
}

/** What the run after the restart must have added. */
function assertCaughtUp(kind: Kind, before: Stored, after: Stored, run: JobRun): void {
  assert.equal(run.result, 'ok', `${kind} after the restart: ${run.error}`);
  switch (kind) {
    case 'prices':
      assert.ok(after.snapshots > before.snapshots, 'no new prices run');
      break;
    case 'candles':
      assert.ok(after.candles > 0 && run.rows && run.rows > 0, 'no candles');
      break;
    case 'defi':
      assert.ok(after.protocolRuns.length > before.protocolRuns.length, 'no new DeFi run');
      break;
    case 'news':
      // A feed's stories are stored under its host and path.
      assert.deepEqual(
        [...after.storiesPerFeed.keys()].map((source) => source.split('/').pop()).sort(),
        [...FEEDS].sort(),
      );
      break;
    case 'backup':
      assert.ok(after.backups.length > 0, 'no backup');
      break;
  }
}

describe(
  'crash safety: SIGKILL during each kind of collection run (issue 22)',
  {
    skip: TEST_DATABASE_URL ? 'SQLite only' : false,
  },
  () => {
    const next = random(SEED);

    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      it(`cycle ${cycle} of ${CYCLES} (CRASH_SEED=${SEED})`, async (t) => {
        const fake = await new FakeUpstream().start();
        const environment = await createTestEnvironment({
          ...fake.env(),
          COINCAP_API_KEY: 'test-coincap',
          CRYPTOCOMPARE_API_KEY: 'test-cc',
          ETHERSCAN_API_KEY: 'test-etherscan',
          ADMIN_API_KEY: ADMIN_KEY,
          WATCHLIST: 'BTC,ETH',
          NEWS_FEEDS: FEEDS.map((feed) => `${fake.baseUrl}/rss/${feed}`).join(','),
          PROVIDER_TIMEOUT_MS: '3000',
        });
        let app = await startAppProcess(environment.env);
        try {
          const first = await runJob(app, 'prices');
          assert.equal(first.result, 'ok', first.error ?? '');
          const pricesPerRun = first.rows ?? 0;
          assert.ok(pricesPerRun > 0);
          for (const kind of KINDS) {
            // A whole run first (news: the twelve feeds are new, so its first run is the one cut),
            // to have something committed and the run's duration to aim the kill within.
            const whole = kind === 'news' ? undefined : await runJob(app, kind);
            assert.notEqual(whole?.result, 'failed', whole?.error ?? '');
            const before = read(environment);
            const window = Math.max(whole?.duration_ms ?? 400, 20) * 1.5;
            const delay = Math.round(next() * window);
            const cut = fetch(`${app.url}/api/jobs/${kind}/run`, {
              method: 'POST',
              headers: { 'x-api-key': ADMIN_KEY },
            }).catch(() => undefined);
            await sleep(delay);
            await app.kill();
            await cut;
            app = await startAppProcess(environment.env);
            const afterKill = read(environment);
            assertWhole(afterKill, environment, pricesPerRun);
            assertKept(before, afterKill);
            const run = await runJob(app, kind);
            const caughtUp = read(environment);
            assertWhole(caughtUp, environment, pricesPerRun);
            assertCaughtUp(kind, afterKill, caughtUp, run);
            t.diagnostic(
              `${kind}: killed ${delay} ms into a run of ~${whole?.duration_ms ?? '?'} ms; the cut run was ${summary(before) === summary(afterKill) ? 'left no trace' : 'stored whole'}; after the restart ${summary(afterKill)}; caught up: ${run.rows} rows`,
            );
          }
        } finally {
          await app.stop();
          await fake.stop();
          await environment.dispose();
        }
      });
    }
  },
);

function summary(stored: Stored): string {
  return `${stored.prices} prices / ${stored.snapshots} snapshots, ${stored.candles} candles, ${stored.protocolRuns.length} DeFi runs, ${[...stored.storiesPerFeed.values()].reduce((a, b) => a + b, 0)} stories, ${stored.backups.length} backups`;
}
