import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobScheduler } from '../../src/core/jobs';
import type { HealthReportDto } from '../../src/diagnostics/dto/health-report.dto';
import { ProviderDirectory } from '../../src/providers/provider.directory';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

describe('GET /api/health under failure', () => {
  it('is degraded while providers fail, and a 503 with the database down', async () => {
    const t = await startFakeBackedApp({ CIRCUIT_BREAKER_THRESHOLD: '1' });
    try {
      const healthy = await request(t.running.url).get('/api/health').expect(200);
      assert.equal(healthy.body.components.providers.status, 'up');
      t.fake.inject('', { type: 'status', status: 500 });
      await request(t.running.url).get('/api/prices?symbols=BTC').expect(503);
      const degraded = await request(t.running.url).get('/api/health').expect(200);
      assert.equal(degraded.body.status, 'degraded');
      assert.equal(degraded.body.components.providers.status, 'degraded');
      assert.match(
        degraded.body.components.providers.message,
        /^\d+ of \d+ enabled providers usable; not usable: .*coingecko \(circuit breaker open\)/,
      );
      t.fake.clear();

      await t.running.app.get(DataSource).destroy();
      const down = await request(t.running.url).get('/api/health').expect(503);
      assert.equal(down.body.status, 'error');
      assert.equal(down.body.components.database.status, 'down');
    } finally {
      await t.stop().catch(() => undefined);
    }
  });
});

describe('GET /api/health with every provider down', () => {
  it('is degraded (200), with the providers component down and naming none usable', async () => {
    const t = await startFakeBackedApp();
    try {
      t.fake.inject('', { type: 'status', status: 500 });
      assert.equal((await t.running.app.get(JobScheduler).run('health')).result, 'ok');
      // CoinPaprika keeps its budget for requests (the probe leaves it out): its own calls count.
      const paprika = t.running.app.get(ProviderDirectory).get('coinpaprika');
      for (let i = 0; i < 2; i += 1) {
        await paprika.probe(1_000).catch(() => undefined);
      }
      const res = await request(t.running.url).get('/api/health').expect(200);
      assert.equal(res.body.status, 'degraded');
      assert.equal(res.body.components.providers.status, 'down');
      assert.match(
        res.body.components.providers.message,
        /^0 of \d+ enabled providers usable; not usable: /,
      );
      assert.equal(res.body.components.database.status, 'up');
    } finally {
      await t.stop();
    }
  });
});

describe('GET /api/health with one provider failing every recent call', () => {
  it('is degraded naming it while its score still looks fine, and ok again once it recovers', async () => {
    // A loaded machine must not make the healthy providers' probes time out too.
    const t = await startFakeBackedApp({ PROVIDER_TIMEOUT_MS: '3000' });
    const jobs = () => t.running.app.get(JobScheduler);
    const health = async () =>
      (await request(t.running.url).get('/api/health').expect(200)).body as HealthReportDto;
    const providers = async () =>
      (await request(t.running.url).get('/api/providers').set('X-API-Key', ADMIN_KEY).expect(200))
        .body.data as { id: string; status: string; enabled: boolean; priority: number }[];
    try {
      await jobs().run('health');
      const before = await health();
      assert.equal(before.status, 'ok');
      const enabled = Number(/^\d+ of (\d+)/.exec(before.components.providers.message)?.[1]);
      assert.ok(enabled > 1);
      assert.equal(
        before.components.providers.message,
        `${enabled} of ${enabled} enabled providers usable`,
      );
      const settingsBefore = (await providers()).map(({ id, enabled, priority }) => ({
        id,
        enabled,
        priority,
      }));

      t.fake.inject('kraken', { type: 'status', status: 500 });
      await jobs().run('health');
      await jobs().run('health');
      const kraken = (await providers()).find((p) => p.id === 'kraken');
      assert.notEqual(
        kraken?.status,
        'down',
        'its rolling score alone would still count it usable',
      );
      const during = await health();
      assert.equal(during.status, 'degraded');
      assert.equal(during.components.providers.status, 'degraded');
      assert.equal(
        during.components.providers.message,
        `${enabled - 1} of ${enabled} enabled providers usable; not usable: kraken (its last 2 calls failed)`,
      );
      assert.equal(during.components.database.status, 'up');
      assert.deepEqual(
        (await providers()).map(({ id, enabled, priority }) => ({ id, enabled, priority })),
        settingsBefore,
        'health changes no provider setting',
      );

      t.fake.clear();
      await jobs().run('health');
      assert.match(
        (await health()).components.providers.message,
        /not usable: kraken \(2 of 4 calls in the last 5 min failed\)$/,
        'one success after failing is not yet recovery',
      );
      await jobs().run('health');
      const after = await health();
      assert.equal(after.status, 'ok');
      assert.equal(
        after.components.providers.message,
        `${enabled} of ${enabled} enabled providers usable`,
      );
    } finally {
      await t.stop();
    }
  });
});

describe('health and metrics under a tiny anonymous quota', () => {
  let t: FakeBackedApp;

  before(async () => {
    t = await startFakeBackedApp({ FREE_TIER_LIMIT: '1000/minute,3/day' });
  });

  after(async () => {
    await t.stop();
  });

  it('monitors and scrapers polling /api/health and /metrics never use it up', async () => {
    for (let i = 0; i < 5; i += 1) {
      for (const path of ['/api/health', '/api/health/ready', '/api/health/live', '/metrics']) {
        const res = await request(t.running.url).get(path).expect(200);
        assert.equal(res.headers['x-ratelimit-remaining'], undefined, path);
      }
    }
    const counted = await request(t.running.url).get('/api/auth/me').expect(200);
    assert.deepEqual(
      [counted.headers['x-ratelimit-limit'], counted.headers['x-ratelimit-remaining']],
      ['3', '2'],
      'the day window counted only this request',
    );
  });
});
