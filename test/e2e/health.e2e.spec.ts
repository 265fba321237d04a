import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startFakeBackedApp } from '../support/fake-app';

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
        /^\d+ of \d+ enabled providers usable$/,
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
