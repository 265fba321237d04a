import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface Issue {
  check: string;
  message: string;
  fixable: boolean;
}

describe('POST /api/diagnostics/run', () => {
  let t: FakeBackedApp;
  const run = (autoFix: boolean) =>
    request(t.running.url)
      .post(`/api/diagnostics/run?auto_fix=${autoFix}`)
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it('reports a deleted backups folder, and recreates it with auto_fix', async () => {
    await request(t.running.url)
      .get('/api/diagnostics/last')
      .set('X-API-Key', ADMIN_KEY)
      .expect(404);
    const backups = join(t.environment.dataDir, 'backups');
    rmSync(backups, { recursive: true, force: true });
    const report = await run(false);
    assert.equal(report.body.total_checks, 8);
    const missing = (report.body.issues as Issue[]).filter(
      (i) => i.check === 'required_directories',
    );
    assert.deepEqual(missing, [
      {
        check: 'required_directories',
        severity: 'warning',
        message: `${backups} is missing or not writable`,
        fixable: true,
      },
    ]);
    assert.equal(report.body.issues_found, (report.body.issues as Issue[]).length);
    assert.deepEqual(report.body.fixes_applied, []);
    assert.ok(!existsSync(backups), 'nothing changes without auto_fix');

    const fixed = await run(true);
    assert.ok(
      fixed.body.fixes_applied.some(
        (f: { action: string; result: string }) =>
          f.action === `created ${backups}` && f.result === 'applied',
      ),
    );
    assert.ok(existsSync(backups));
    const clean = await run(false);
    assert.ok(!(clean.body.issues as Issue[]).some((i) => i.check === 'required_directories'));
    const last = await request(t.running.url)
      .get('/api/diagnostics/last')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    assert.deepEqual(last.body, clean.body);
  });

  it('reports unreachable upstreams, and is for admins only', async () => {
    t.fake.inject('kraken', { type: 'status', status: 500 });
    try {
      const report = await run(false);
      assert.ok(
        (report.body.issues as Issue[]).some(
          (i) => i.check === 'upstream_connectivity' && i.message.startsWith('kraken: '),
        ),
      );
    } finally {
      t.fake.clear();
    }
    await request(t.running.url).post('/api/diagnostics/run').expect(401);
  });
});
