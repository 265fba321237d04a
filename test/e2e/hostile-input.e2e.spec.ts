import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MAX_JSON_DEPTH } from '../../src/core/web/json-depth';
import { UpstreamProvider } from '../../src/providers/entities/upstream-provider.entity';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

const DEEP = 20_000;
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepObject = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);

function assertErrorShape(body: Record<string, unknown>, statusCode: number, message: RegExp) {
  assert.deepEqual(Object.keys(body).sort(), ['error', 'message', 'requestId', 'statusCode']);
  assert.equal(body.statusCode, statusCode);
  assert.match(String(body.message), message);
  assert.ok(String(body.requestId).length > 0);
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('hostile input (issue 17, items 1 and 2)', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const providerRow = () =>
    t.running.app
      .get(DataSource)
      .getRepository(UpstreamProvider)
      .findOneByOrFail({ name: 'kraken' })
      .then((row) => ({ enabled: row.enabled, priority: row.priority }));
  const providerView = async () => {
    const res = await api().get('/api/providers/kraken').expect(200);
    const view = (res.body.data ?? res.body) as { enabled: boolean; priority: number };
    return { enabled: view.enabled, priority: view.priority };
  };

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it('refuses 20,000-deep JSON with a 400 before parsing, and /api/health/live stays under 50 ms p99', async () => {
    // Warm-up, so the first request's one-off costs are not counted as latency.
    for (let i = 0; i < 5; i += 1) {
      await api().get('/api/health/live').expect(200);
    }
    await api().post('/api/sentiment/analyze').type('json').send(deepArray).expect(400);
    let deepDone = false;
    const deep = Promise.all(
      // Spread over the measurement, so health checks and deep bodies really interleave.
      Array.from({ length: 10 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 30));
        return api()
          .post('/api/sentiment/analyze')
          .type('json')
          .send(i % 2 === 0 ? deepArray : deepObject);
      }),
    ).finally(() => {
      deepDone = true;
    });
    const latencies: number[] = [];
    while (!deepDone || latencies.length < 50) {
      const started = performance.now();
      const live = await api().get('/api/health/live');
      latencies.push(performance.now() - started);
      assert.equal(live.status, 200);
    }
    for (const res of await deep) {
      assert.equal(res.status, 400);
      assertErrorShape(res.body, 400, new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels`));
    }
    const p99 = percentile(latencies, 99);
    assert.ok(p99 < 50, `/api/health/live p99 ${p99.toFixed(1)} ms over ${latencies.length} calls`);
  });

  it('still parses and validates bodies within the depth limit on the same route', async () => {
    const shallow = await api().post('/api/sentiment/analyze').send({ text: 'bitcoin rallies' });
    // Tests run with ENABLE_SENTIMENT_ANALYSIS=false: reaching the handler means a 503 saying so.
    assert.equal(shallow.status, 503);
    assertErrorShape(shallow.body, 503, /ENABLE_SENTIMENT_ANALYSIS=false/);
    const nested = await api()
      .post('/api/sentiment/analyze')
      .send({ text: [[[['deep but allowed']]]] })
      .expect(400);
    assertErrorShape(nested.body, 400, /text/);
  });

  it('keeps query strings flat: bracketed keys are unknown fields, not nested objects', async () => {
    const key = `window${'[a]'.repeat(5000)}`;
    const res = await api().get(`/api/providers/stats?${key}=1h`).expect(400);
    assertErrorShape(res.body, 400, /should not exist/);
    const form = await api()
      .post('/api/sentiment/analyze')
      .type('form')
      .send(`text${'[x]'.repeat(5000)}=hello`)
      .expect(400);
    assertErrorShape(form.body, 400, /should not exist/);
  });

  describe('PATCH /api/providers/:id', () => {
    const patch = (body?: unknown) => {
      const req = api().patch('/api/providers/kraken').set('X-API-Key', ADMIN_KEY);
      return body === undefined
        ? req
        : req.set('content-type', 'application/json').send(body as string);
    };

    it('answers 400 to an empty body or nulls, and changes neither memory nor the database', async () => {
      const viewBefore = await providerView();
      const rowBefore = await providerRow();
      assert.deepEqual(viewBefore, rowBefore);
      const cases: [unknown, RegExp][] = [
        [undefined, /give enabled, priority or both/],
        ['{}', /give enabled, priority or both/],
        ['{"priority": null}', /priority must be an integer/],
        ['{"enabled": null}', /enabled must be a boolean/],
        ['{"enabled": null, "priority": 3}', /enabled must be a boolean/],
      ];
      for (const [body, message] of cases) {
        const res = await patch(body);
        assert.equal(res.status, 400, `${String(body)} answered ${res.status}`);
        assertErrorShape(res.body, 400, message);
        assert.deepEqual(await providerView(), viewBefore, `memory changed by ${String(body)}`);
        assert.deepEqual(await providerRow(), rowBefore, `database changed by ${String(body)}`);
      }
    });

    it('changes memory only once the database has the change', async () => {
      const viewBefore = await providerView();
      const dataSource = t.running.app.get(DataSource);
      const postgres = dataSource.options.type === 'postgres';
      await refuseProviderUpdates(dataSource, postgres);
      try {
        const refused = await patch('{"priority": 777, "enabled": false}');
        assert.equal(refused.status, 500);
        assertErrorShape(refused.body, 500, /Internal server error/);
        assert.deepEqual(await providerView(), viewBefore);
        assert.deepEqual(await providerRow(), viewBefore);
      } finally {
        await allowProviderUpdates(dataSource, postgres);
      }
      const res = await patch('{"priority": 777}').expect(200);
      assert.equal((res.body.data ?? res.body).priority, 777);
      assert.deepEqual(await providerView(), { enabled: viewBefore.enabled, priority: 777 });
      assert.deepEqual(await providerRow(), { enabled: viewBefore.enabled, priority: 777 });
    });
  });
});

/** A trigger makes every UPDATE of `providers` fail, as a full disk or a lost connection would. */
async function refuseProviderUpdates(dataSource: DataSource, postgres: boolean): Promise<void> {
  if (postgres) {
    await dataSource.query(
      `CREATE FUNCTION refuse_update() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql`,
    );
    await dataSource.query(
      'CREATE TRIGGER refuse_update BEFORE UPDATE ON providers FOR EACH ROW EXECUTE FUNCTION refuse_update()',
    );
  } else {
    await dataSource.query(
      "CREATE TRIGGER refuse_update BEFORE UPDATE ON providers BEGIN SELECT RAISE(ABORT, 'refused by test'); END",
    );
  }
}

async function allowProviderUpdates(dataSource: DataSource, postgres: boolean): Promise<void> {
  await dataSource.query(
    postgres ? 'DROP TRIGGER refuse_update ON providers' : 'DROP TRIGGER refuse_update',
  );
  if (postgres) {
    await dataSource.query('DROP FUNCTION refuse_update()');
  }
}
