import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource, LessThan } from 'typeorm';
import { Price } from '../../src/market/entities/price.entity';
import { RetentionService } from '../../src/operations/retention/retention.service';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

const DAY_MS = 86_400_000;
const OLD_ROWS = 100_000;
const RECENT_ROWS = 2_000;

describe('retention cleanup', () => {
  let t: FakeBackedApp;
  const repo = () => t.running.app.get(DataSource).getRepository(Price);

  before(async () => {
    t = await startFakeBackedApp({ DATA_RETENTION_DAYS: '90' });
    const now = Date.now();
    const row = (i: number, at: number) => ({
      symbol: 'BTC',
      price: 90_000 + (i % 1000),
      provider: 'test',
      timestamp: new Date(at),
    });
    const runner = t.running.app.get(DataSource).createQueryRunner();
    await runner.startTransaction();
    for (let i = 0; i < OLD_ROWS; i += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, j) =>
        row(i + j, now - 120 * DAY_MS + (i + j) * 1000),
      );
      await runner.manager.insert(Price, rows);
    }
    const recent = Array.from({ length: RECENT_ROWS }, (_, j) => row(j, now - j * 60_000));
    for (let i = 0; i < RECENT_ROWS; i += 1_000) {
      await runner.manager.insert(Price, recent.slice(i, i + 1_000));
    }
    await runner.commitTransaction();
    await runner.release();
  });

  after(async () => {
    await t.stop();
  });

  it('removes exactly the rows past retention while history keeps answering', async () => {
    const cutoff = new Date(Date.now() - 90 * DAY_MS);
    assert.equal(await repo().countBy({ timestamp: LessThan(cutoff) }), OLD_ROWS);
    let reads = 0;
    let cleaning = true;
    const reader = (async () => {
      while (cleaning) {
        const res = await request(t.running.url)
          .get('/api/prices/history/BTC?days=1&interval=1h')
          .set('X-API-Key', ADMIN_KEY);
        assert.equal(res.status, 200);
        assert.ok(res.body.data.length > 0);
        reads += 1;
      }
    })();
    const removed = await t.running.app.get(RetentionService).cleanup();
    cleaning = false;
    await reader;
    assert.equal(removed.prices, OLD_ROWS);
    assert.equal(await repo().countBy({ timestamp: LessThan(cutoff) }), 0);
    assert.equal(await repo().count(), RECENT_ROWS);
    assert.ok(reads > 0, 'history was read during the cleanup');
  });

  it('runs as the cleanup job', async () => {
    const run = await request(t.running.url)
      .post('/api/jobs/cleanup/run')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    assert.deepEqual([run.body.result, run.body.rows], ['ok', 0]);
  });
});
