import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Price } from '../../src/market/entities/price.entity';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { TEST_DATABASE_URL } from '../support/postgres';
import { REPO_ROOT } from '../support/test-app';

describe('backups', { skip: TEST_DATABASE_URL ? 'SQLite only' : false }, () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp({ BACKUP_KEEP: '2' });
  });

  after(async () => {
    await t.stop();
  });

  it('backs up online while writes go on; the copy restores with every row committed before it', async () => {
    const prices = t.running.app.get(DataSource).getRepository(Price);
    const row = (i: number) => ({
      symbol: 'BTC',
      price: i,
      provider: 'test',
      timestamp: new Date(),
    });
    for (let i = 0; i < 20; i += 1) {
      await prices.insert(Array.from({ length: 500 }, (_, j) => row(i * 500 + j)));
    }
    const committedBefore = await prices.count();
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i += 1) {
        await prices.insert(row(1_000_000 + i));
        await new Promise((r) => setImmediate(r));
      }
    })();
    const created = await api().post('/api/backups').set('X-API-Key', ADMIN_KEY).expect(201);
    writing = false;
    await writer;
    assert.equal(created.body.integrity, 'ok');
    assert.match(created.body.file, /^crypto-dt-source-.*\.sqlite$/);

    const restoreDir = mkdtempSync(join(tmpdir(), 'cdt-restore-'));
    try {
      const backupPath = join(t.environment.dataDir, 'backups', created.body.file);
      execFileSync(
        process.execPath,
        [join(REPO_ROOT, 'dist-test/src/cli/restore.js'), backupPath],
        {
          env: { ...process.env, ...t.environment.env, DATA_DIR: restoreDir },
        },
      );
      const restored = new Database(join(restoreDir, 'crypto-dt-source.sqlite'), {
        readonly: true,
      });
      try {
        assert.equal(restored.pragma('integrity_check', { simple: true }), 'ok');
        const count = restored
          .prepare('SELECT COUNT(*) AS n FROM prices WHERE price < 1000000')
          .get() as { n: number };
        assert.equal(count.n, committedBefore);
      } finally {
        restored.close();
      }
    } finally {
      rmSync(restoreDir, { recursive: true, force: true });
    }
  });

  it('keeps the newest BACKUP_KEEP and lists them, admins only', async () => {
    await api().post('/api/backups').set('X-API-Key', ADMIN_KEY).expect(201);
    await api().post('/api/backups').set('X-API-Key', ADMIN_KEY).expect(201);
    const list = await api().get('/api/backups').set('X-API-Key', ADMIN_KEY).expect(200);
    assert.equal(list.body.data.length, 2);
    assert.ok(list.body.data[0].file > list.body.data[1].file, 'newest first');
    await api().get('/api/backups').expect(401);
  });
});

describe('backups on PostgreSQL', { skip: TEST_DATABASE_URL ? false : 'PostgreSQL only' }, () => {
  it('says that backups belong to pg_dump', async () => {
    const t = await startFakeBackedApp();
    try {
      const res = await request(t.running.url)
        .post('/api/backups')
        .set('X-API-Key', ADMIN_KEY)
        .expect(501);
      assert.match(res.body.message, /pg_dump/);
    } finally {
      await t.stop();
    }
  });
});
