import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource, In } from 'typeorm';
import { NewsItem } from '../../src/news/entities/news-item.entity';
import { NewsIngestService } from '../../src/news/news-ingest.service';
import { ModelManager } from '../../src/sentiment/engine/model-manager.service';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { type FakeHub, seedHubCopy, startFakeHub } from '../support/hub-models';
import { NewsFeedState } from '../../src/news/entities/news-feed.entity';
import { until } from '../support/waiting';

const HUB_MARKET = 'acme/cdt-market-sentiment';
const BUNDLED_MARKET = 'cdt-market-sentiment';
const LIMIT = 3;
const FEEDS = ['ledger', 'wire', 'atom', 'mood'];

interface ModelUse {
  model: string;
  revision: string | null;
  count: number;
  active: boolean;
}

interface JobStatus {
  name: string;
  running: boolean;
  last_run: { result: string; rows: number | null } | null;
}

describe('re-scoring: when the active model of a role changes, stored headlines follow', () => {
  let t: FakeBackedApp;
  let hub: FakeHub;
  const modelsDir = mkdtempSync(join(tmpdir(), 'cdt-models-'));
  const api = () => request(t.running.url);
  const rows = () =>
    t.running.app
      .get(DataSource)
      .getRepository(NewsItem)
      .find({ order: { publishedAt: 'DESC', id: 'DESC' } });
  const job = async (name = 'sentiment-rescore'): Promise<JobStatus> => {
    const { body } = await api().get('/api/jobs').set('X-API-Key', ADMIN_KEY).expect(200);
    return (body.data as JobStatus[]).find((j) => j.name === name)!;
  };
  const eventually = async (condition: () => Promise<boolean>, what: string) => {
    const end = Date.now() + 60_000;
    while (!(await condition())) {
      assert.ok(Date.now() < end, `${what}: not in time`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const runJob = async (): Promise<number | null> => {
    const { body } = await api()
      .post('/api/jobs/sentiment-rescore/run')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    assert.equal(body.result, 'ok');
    return body.rows as number | null;
  };
  const marketModels = async (): Promise<ModelUse[]> =>
    ((await api().get('/api/sentiment').expect(200)).body.models.market as ModelUse[]).sort(
      (a, b) => a.model.localeCompare(b.model),
    );

  before(async () => {
    // The hub model is "downloading" until release(): the bundled model serves meanwhile.
    hub = await startFakeHub({ held: true });
    t = await startFakeBackedApp((fake) => ({
      ENABLE_SENTIMENT_ANALYSIS: 'true',
      ENABLE_BACKGROUND_TASKS: 'true',
      MODELS_DIR: modelsDir,
      HF_ALLOW_REMOTE_MODELS: 'true',
      HF_REMOTE_HOST: hub.url,
      FINANCIAL_SENTIMENT_MODEL: HUB_MARKET,
      SENTIMENT_RESCORE_LIMIT: String(LIMIT),
      // Every feed answers even on a loaded machine: the counts below depend on them.
      PROVIDER_TIMEOUT_MS: '5000',
      NEWS_FEEDS: FEEDS.map((feed) => `${fake.baseUrl}/feeds/${feed}`).join(','),
    }));
  });

  after(async () => {
    await t.stop();
    await hub.close();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('stores headlines with the bundled market model while the hub model downloads', async () => {
    const manager = t.running.app.get(ModelManager);
    await until(() => hub.requests.length > 0, 60_000);
    assert.equal(manager.active('financial')?.spec.name, BUNDLED_MARKET);
    // The news job's run at start may have stored headlines before any model was ready: start
    // from an empty table, so every headline is stored while the bundled model serves.
    await eventually(async () => (await job('news')).last_run !== null, 'news at start');
    const dataSource = t.running.app.get(DataSource);
    await dataSource.getRepository(NewsItem).clear();
    await dataSource.getRepository(NewsFeedState).clear();
    await t.running.app.get(NewsIngestService).ingestAll();
    const stored = await rows();
    assert.ok(stored.length > 2 * LIMIT, `${stored.length} headlines`);
    assert.ok(stored.every((r) => r.marketModel === BUNDLED_MARKET && r.marketSentiment));
    assert.deepEqual(
      (await marketModels()).map((m) => [m.model, m.count, m.active]),
      [[BUNDLED_MARKET, stored.length, true]],
    );
  });

  it('re-scores at most SENTIMENT_RESCORE_LIMIT newest headlines once the hub model takes over, and shows the mix', async () => {
    const earlier = await rows();
    hub.release();
    const manager = t.running.app.get(ModelManager);
    await until(() => manager.active('financial')?.spec.name === HUB_MARKET, 60_000);
    // The run at start waited for the models to settle; it runs now with the hub model.
    await eventually(async () => (await job()).last_run?.rows === LIMIT, 'the re-scoring run');
    const later = await rows();
    const rescored = later.filter((r) => r.marketModel === HUB_MARKET);
    assert.deepEqual(
      rescored.map((r) => r.id),
      earlier.slice(0, LIMIT).map((r) => r.id),
      'newest first',
    );
    // Same files under another name: the scores are the same, the revision too.
    const old = new Map(earlier.map((r) => [r.id, r]));
    for (const row of rescored) {
      assert.equal(row.marketSentiment, old.get(row.id)!.marketSentiment);
      assert.ok(Math.abs(row.marketBullish! - old.get(row.id)!.marketBullish!) < 1e-6);
      assert.equal(row.marketRevision, old.get(row.id)!.marketRevision);
      // The binary view's model did not change, so it was left alone.
      assert.equal(row.sentimentModel, 'cdt-sentiment-binary');
    }
    // The aggregate says which models it mixes until the job is through.
    assert.deepEqual(
      (await marketModels()).map((m) => [m.model, m.count, m.active]),
      [
        [HUB_MARKET, LIMIT, true],
        [BUNDLED_MARKET, earlier.length - LIMIT, false],
      ],
    );
  });

  it('resumes where it stopped on the next runs until every headline carries the active model', async () => {
    const total = (await rows()).length;
    let left = total - LIMIT;
    while (left > 0) {
      assert.equal(await runJob(), Math.min(LIMIT, left));
      left -= LIMIT;
    }
    assert.equal(await runJob(), 0);
    assert.ok((await rows()).every((r) => r.marketModel === HUB_MARKET));
    assert.deepEqual(
      (await marketModels()).map((m) => [m.model, m.count, m.active]),
      [[HUB_MARKET, total, true]],
    );
    const status = await job();
    assert.deepEqual([status.running, status.last_run?.result], [false, 'ok']);
  });

  it('re-scores rows of an earlier revision of the same model (a retrained model keeps its name)', async () => {
    const repo = t.running.app.get(DataSource).getRepository(NewsItem);
    const [a, b, c] = await rows();
    const current = { market: a.marketRevision, binary: a.sentimentRevision };
    assert.match(current.market ?? '', /^[0-9a-f]{16}$/);
    assert.match(current.binary ?? '', /^[0-9a-f]{16}$/);
    // As if scored by the previous training of each model.
    await repo.update({ id: In([a.id, b.id]) }, { marketRevision: '0000000000000000' });
    await repo.update({ id: c.id }, { sentimentRevision: null, sentimentScore: 0.01 });
    const mixed = (await api().get('/api/sentiment').expect(200)).body.models;
    assert.ok(
      (mixed.market as ModelUse[]).some((m) => m.revision === '0000000000000000' && !m.active),
    );
    assert.equal(await runJob(), 3);
    const fresh = new Map((await rows()).map((r) => [r.id, r]));
    assert.equal(fresh.get(a.id)!.marketRevision, current.market);
    assert.equal(fresh.get(b.id)!.marketRevision, current.market);
    assert.equal(fresh.get(c.id)!.sentimentRevision, current.binary);
    assert.ok(fresh.get(c.id)!.sentimentScore! > 0.5, 're-scored, not just re-labelled');
    assert.equal(await runJob(), 0);
  });
});

describe('re-scoring: a model that loads later (diagnostics retry) starts the job by itself', () => {
  let t: FakeBackedApp;
  const dir = mkdtempSync(join(tmpdir(), 'cdt-local-'));
  const local = join(dir, 'market');
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp((fake) => ({
      ENABLE_SENTIMENT_ANALYSIS: 'true',
      ENABLE_BACKGROUND_TASKS: 'true',
      FINANCIAL_SENTIMENT_MODEL: local,
      PROVIDER_TIMEOUT_MS: '5000',
      NEWS_FEEDS: `${fake.baseUrl}/feeds/mood`,
    }));
    await t.running.app.get(ModelManager).settled();
  });

  after(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("re-scores the bundled model's headlines once the local model is ready", async () => {
    const manager = t.running.app.get(ModelManager);
    assert.equal(manager.active('financial')?.spec.name, BUNDLED_MARKET);
    const repo = t.running.app.get(DataSource).getRepository(NewsItem);
    const jobs = async () =>
      (await api().get('/api/jobs').set('X-API-Key', ADMIN_KEY).expect(200)).body
        .data as JobStatus[];
    const rescoring = async () => (await jobs()).find((j) => j.name === 'sentiment-rescore')!;
    // Both start-up runs are over: headlines stored from now on are the bundled model's.
    const end = Date.now() + 60_000;
    while (
      (await jobs()).some(
        (j) => ['news', 'sentiment', 'sentiment-rescore'].includes(j.name) && !j.last_run,
      )
    ) {
      assert.ok(Date.now() < end, 'start-up runs');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await t.running.app.get(NewsIngestService).ingestAll();
    const stored = await repo.find();
    assert.ok(stored.length >= 4);
    assert.ok(stored.every((r) => r.marketModel === BUNDLED_MARKET));
    const first = await rescoring();

    seedHubCopy(dir, 'market', BUNDLED_MARKET);
    await manager.reloadFailed();
    assert.equal(manager.active('financial')?.spec.name, local);
    while (!(await repo.find()).every((r) => r.marketModel === local)) {
      assert.ok(Date.now() < end, 'not re-scored in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The run's outcome is stored just after its last row.
    while ((await rescoring()).last_run?.rows !== stored.length) {
      assert.ok(Date.now() < end, 'the run not recorded in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(first.last_run?.rows, 0, 'the run at start found nothing to re-score');
  });
});
