import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Price } from '../../src/market/entities/price.entity';
import { BackupService } from '../../src/operations/backups/backup.service';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { TEST_DATABASE_URL } from '../support/postgres';
import { REPO_ROOT } from '../support/test-app';

interface SqliteConnection {
  backup(destination: string): Promise<unknown>;
}

describe('backups', { skip: TEST_DATABASE_URL ? 'SQLite only' : false }, () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const backupsDir = () => join(t.environment.dataDir, 'backups');
  const listed = async () =>
    (
      (await api().get('/api/backups').set('X-API-Key', ADMIN_KEY).expect(200)).body.data as {
        file: string;
      }[]
    ).map((b) => b.file);
  /** npm run db:restore into DATA_DIR=dataDir: its exit status and output. */
  const restore = (backup: string, dataDir: string) =>
    spawnSync(process.execPath, [join(REPO_ROOT, 'dist-test/src/cli/restore.js'), backup], {
      env: { ...process.env, ...t.environment.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
  const connection = () =>
    (t.running.app.get(DataSource).driver as unknown as { databaseConnection: SqliteConnection })
      .databaseConnection;

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

  it('a backup asked for during another (the job and a POST, say) joins it', async () => {
    const backups = t.running.app.get(BackupService);
    const db = connection();
    const online = db.backup.bind(db);
    let copies = 0;
    db.backup = (destination) => {
      copies += 1;
      return online(destination);
    };
    try {
      const [a, b] = await Promise.all([backups.backup(), backups.backup()]);
      assert.equal(copies, 1);
      assert.equal(a.file, b.file);
      assert.equal((await listed())[0], a.file);
    } finally {
      db.backup = online;
    }
  });

  it('a backup that fails midway or fails its check leaves no file behind, and prunes nothing', async () => {
    const good = await listed();
    assert.equal(good.length, 2);
    const db = connection();
    const online = db.backup.bind(db);
    const failures: ((destination: string) => Promise<unknown>)[] = [
      async (destination) => {
        writeFileSync(destination, 'SQLite format 3\0 the first pages only');
        throw new Error('SQLITE_FULL: database or disk is full');
      },
      async (destination) => writeFileSync(destination, 'not a database '.repeat(500)),
    ];
    try {
      for (const failure of failures) {
        db.backup = failure;
        await api().post('/api/backups').set('X-API-Key', ADMIN_KEY).expect(500);
        assert.deepEqual(await listed(), good);
        assert.deepEqual(readdirSync(backupsDir()).sort(), [...good].sort());
      }
    } finally {
      db.backup = online;
    }
  });

  it('partial copies left by a kill during a backup (and their journals) are removed at start', async () => {
    const good = await listed();
    const stamp = '2026-01-01T02-00-00-000Z';
    const leftovers = [
      `crypto-dt-source-${stamp}.sqlite.partial`,
      `crypto-dt-source-${stamp}.sqlite.partial-journal`,
    ];
    for (const name of leftovers) {
      writeFileSync(join(backupsDir(), name), 'SQLite format 3\0 cut short by SIGKILL');
    }
    const unrelated = join(backupsDir(), 'notes.txt');
    writeFileSync(unrelated, 'an operator file');
    await t.restart();
    assert.deepEqual(readdirSync(backupsDir()).sort(), [...good, 'notes.txt'].sort());
    rmSync(unrelated);
    const fresh = await api().post('/api/backups').set('X-API-Key', ADMIN_KEY).expect(201);
    assert.equal(fresh.body.integrity, 'ok');
    assert.equal((await listed())[0], fresh.body.file);
  });

  it('restore refuses while the service has the database open, and changes nothing', async () => {
    const [newest] = await listed();
    const prices = t.running.app.get(DataSource).getRepository(Price);
    const rows = await prices.count();
    const refused = restore(join(backupsDir(), newest), t.environment.dataDir);
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, /crypto-dt-source\.sqlite is in use: stop the service/);
    await prices.insert({ symbol: 'BTC', price: 1, provider: 'test', timestamp: new Date() });
    assert.equal(await prices.count(), rows + 1);
    assert.deepEqual(
      readdirSync(t.environment.dataDir).filter((name) => name.includes('.restore-')),
      [],
    );
  });

  it('restore keeps the old database when the backup is bad, and replaces it when it is good', async () => {
    const [newest] = await listed();
    const dataDir = mkdtempSync(join(tmpdir(), 'cdt-restore-'));
    try {
      const target = join(dataDir, 'crypto-dt-source.sqlite');
      const old = new Database(target);
      old.pragma('journal_mode = WAL');
      old.exec("CREATE TABLE old_data (x); INSERT INTO old_data VALUES ('kept')");
      old.close();
      const bad = join(dataDir, 'bad.sqlite');
      writeFileSync(bad, 'not a database '.repeat(500));
      const refused = restore(bad, dataDir);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /The backup fails its integrity check: file is not a database/);
      const kept = new Database(target, { readonly: true });
      assert.deepEqual(kept.prepare('SELECT x FROM old_data').all(), [{ x: 'kept' }]);
      kept.close();

      const restored = restore(join(backupsDir(), newest), dataDir);
      assert.equal(restored.status, 0, restored.stderr);
      assert.deepEqual(readdirSync(dataDir).sort(), ['bad.sqlite', 'crypto-dt-source.sqlite']);
      const db = new Database(target, { readonly: true });
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
        const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        assert.equal(count("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'old_data'"), 0);
        assert.ok(count('SELECT COUNT(*) AS n FROM prices') > 0);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
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
