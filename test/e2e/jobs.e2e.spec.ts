import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface JobStatus {
  name: string;
  cron: string;
  enabled: boolean;
  running: boolean;
  last_run: { started_at: string; result: string; rows: number | null } | null;
  next_run: string | null;
}

describe('GET /api/jobs and POST /api/jobs/:name/run', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const jobs = async (): Promise<JobStatus[]> =>
    (await api().get('/api/jobs').set('X-API-Key', ADMIN_KEY).expect(200)).body.data as JobStatus[];

  before(async () => {
    t = await startFakeBackedApp({ WATCHLIST: 'BTC,ETH' });
  });

  after(async () => {
    await t.stop();
  });

  it('lists every job with its cron; nothing is scheduled with background tasks off', async () => {
    const list = await jobs();
    const sqlite = t.running.config.database.type === 'sqlite';
    assert.deepEqual(
      list.map((j) => [j.name, j.cron, j.enabled, j.running, j.last_run, j.next_run]),
      [
        ...(sqlite ? [['backup', '0 2 * * *', false, false, null, null]] : []),
        ['candles', '0 * * * *', false, false, null, null],
        ['cleanup', '0 3 * * *', false, false, null, null],
        ['coin-list', '20 0 * * *', false, false, null, null],
        ['currencies', '10 16 * * *', false, false, null, null],
        ['defi', '10 * * * *', false, false, null, null],
        ['fear-greed', '5 * * * *', false, false, null, null],
        ['health', '*/5 * * * *', false, false, null, null],
        ['news', '*/30 * * * *', false, false, null, null],
        ['pair-lists', '20 0 * * *', false, false, null, null],
        ['prices', '*/5 * * * *', false, false, null, null],
        ['stats-broadcast', '*/5 * * * *', false, false, null, null],
        ['trending', '*/30 * * * *', false, false, null, null],
      ],
    );
  });

  it('runs a job on demand and shows the run, both for admins only', async () => {
    await api().post('/api/jobs/prices/run').expect(401);
    await api().get('/api/jobs').expect(401);
    const run = await api().post('/api/jobs/prices/run').set('X-API-Key', ADMIN_KEY).expect(200);
    assert.equal(run.body.result, 'ok');
    assert.equal(
      run.body.rows,
      14,
      'BTC and ETH from seven providers (CoinPaprika keeps its budget)',
    );
    const prices = (await jobs()).find((j) => j.name === 'prices');
    assert.deepEqual(prices?.last_run, run.body);
    const missing = await api().post('/api/jobs/nope/run').set('X-API-Key', ADMIN_KEY).expect(404);
    assert.match(
      missing.body.message,
      /^No job named "nope"; jobs: (backup, )?candles, cleanup, coin-list/,
    );
  });

  it('two triggers at once make one run', async () => {
    t.fake.inject('coingecko', { type: 'delay', ms: 200 });
    t.fake.resetCounts();
    try {
      const [a, b] = await Promise.all([
        api().post('/api/jobs/prices/run').set('X-API-Key', ADMIN_KEY).expect(200),
        api().post('/api/jobs/prices/run').set('X-API-Key', ADMIN_KEY).expect(200),
      ]);
      assert.equal(a.body.started_at, b.body.started_at);
      assert.equal(t.fake.count('coingecko:/api/v3/simple/price'), 1);
    } finally {
      t.fake.clear();
    }
  });

  it("keeps each job's last run across a restart", async () => {
    const before = (await jobs()).find((j) => j.name === 'prices')?.last_run;
    assert.ok(before);
    await t.restart();
    const after = (await jobs()).find((j) => j.name === 'prices')?.last_run;
    assert.deepEqual(after, before);
  });
});
