import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CacheService } from '../../src/core/cache';
import { ProviderDirectory } from '../../src/providers/provider.directory';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { REPO_ROOT } from '../support/test-app';

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
        subject: backups,
      },
    ]);
    assert.equal(report.body.issues_found, (report.body.issues as Issue[]).length);
    assert.ok(
      !(report.body.issues as Issue[]).some((i) => i.check === 'database_integrity'),
      'quick_check (in its worker) finds the live database sound',
    );
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

describe('diagnostics auto_fix when a repair fails', () => {
  let t: FakeBackedApp;

  before(async () => {
    t = await startFakeBackedApp({ CIRCUIT_BREAKER_THRESHOLD: '3' });
  });

  after(async () => {
    await t.stop();
  });

  it('reports each failed repair in fixes_applied instead of answering 500', async () => {
    for (const provider of [
      'coingecko',
      'binance',
      'kraken',
      'coinbase',
      'coincap',
      'cryptocompare',
      'coinpaprika',
      'coinlore',
    ]) {
      t.fake.inject(provider, { type: 'status', status: 500 });
    }
    for (let i = 0; i < 3; i += 1) {
      t.running.app.get(CacheService).invalidate('prices:');
      await request(t.running.url).get('/api/prices?symbols=ETH').expect(503);
    }
    t.fake.clear();
    // Two repairs that fail: a breaker that cannot be closed, migrations on a locked database.
    const kraken = t.running.app.get(ProviderDirectory).get('kraken');
    const dataSource = t.running.app.get(DataSource);
    const original = {
      resetBreaker: kraken.resetBreaker.bind(kraken),
      showMigrations: dataSource.showMigrations.bind(dataSource),
      runMigrations: dataSource.runMigrations.bind(dataSource),
    };
    kraken.resetBreaker = () => {
      throw new Error('breaker state is unavailable');
    };
    dataSource.showMigrations = () => Promise.resolve(true);
    dataSource.runMigrations = () => Promise.reject(new Error('SQLITE_BUSY: database is locked'));
    try {
      const report = await request(t.running.url)
        .post('/api/diagnostics/run?auto_fix=true')
        .set('X-API-Key', ADMIN_KEY)
        .expect(200);
      const fixes = report.body.fixes_applied as {
        check: string;
        action: string;
        result: string;
        message?: string;
      }[];
      assert.deepEqual(
        fixes.filter((f) => f.check === 'database_integrity'),
        [
          {
            check: 'database_integrity',
            action: 'auto-fix',
            result: 'failed',
            message: 'SQLITE_BUSY: database is locked',
          },
        ],
      );
      assert.deepEqual(
        fixes.find((f) => f.action.endsWith('the breaker of kraken')),
        {
          check: 'provider_health',
          action: 'close the breaker of kraken',
          result: 'failed',
          message: 'breaker state is unavailable',
        },
      );
      assert.deepEqual(
        fixes.find((f) => f.action.endsWith('the breaker of coingecko')),
        { check: 'provider_health', action: 'closed the breaker of coingecko', result: 'applied' },
      );
    } finally {
      Object.assign(kraken, { resetBreaker: original.resetBreaker });
      Object.assign(dataSource, {
        showMigrations: original.showMigrations,
        runMigrations: original.runMigrations,
      });
    }
  });
});

describe('diagnostics: config files', () => {
  let t: FakeBackedApp;
  const configDir = mkdtempSync(join(tmpdir(), 'cdt-diag-config-'));

  before(async () => {
    cpSync(join(REPO_ROOT, 'config'), configDir, { recursive: true });
    t = await startFakeBackedApp({ CONFIG_DIR: configDir });
  });

  after(async () => {
    await t.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('reports every config file start-up reads that no longer parses, discovery-catalogue.json included', async () => {
    const ok = await request(t.running.url)
      .post('/api/diagnostics/run')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    assert.ok(!(ok.body.issues as Issue[]).some((i) => i.check === 'config_files'));
    const broken = join(configDir, 'discovery-catalogue.json');
    writeFileSync(broken, '{ "providers": [');
    const report = await request(t.running.url)
      .post('/api/diagnostics/run')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    const found = (report.body.issues as (Issue & { subject?: string })[]).filter(
      (i) => i.check === 'config_files',
    );
    assert.deepEqual(
      found.map((i) => [i.subject, i.fixable, i.message.startsWith(`${broken}: `)]),
      [[broken, false, true]],
    );
  });
});
