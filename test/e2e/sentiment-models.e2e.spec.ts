import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ModelManager } from '../../src/sentiment/engine/model-manager.service';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import {
  type FakeHub,
  seedHubCopy,
  seedRelabelled,
  seedTinyNli,
  startFakeHub,
} from '../support/hub-models';
import { until } from '../support/waiting';

interface ModelInfo {
  name: string;
  kind: string;
  source: string;
  status: string;
  error: string | null;
  active: boolean;
  fallback_for: string | null;
  load_ms: number | null;
}

const MISSING = 'Xenova/distilbert-base-uncased-finetuned-sst-2-english';
const HUB_FINANCIAL = 'acme/market-sentiment';
const HUB_NLI = 'acme/tiny-nli';

describe('configured hub models: a missing one falls back, seeded ones load by id', () => {
  let t: FakeBackedApp;
  const modelsDir = mkdtempSync(join(tmpdir(), 'cdt-models-'));
  const api = () => request(t.running.url);
  const models = async () =>
    Object.fromEntries(
      ((await api().get('/api/models').expect(200)).body.data as ModelInfo[]).map((m) => [
        m.name,
        m,
      ]),
    );

  before(async () => {
    seedHubCopy(modelsDir, HUB_FINANCIAL, 'cdt-market-sentiment');
    seedTinyNli(modelsDir, HUB_NLI);
    t = await startFakeBackedApp({
      ENABLE_SENTIMENT_ANALYSIS: 'true',
      MODELS_DIR: modelsDir,
      SENTIMENT_MODEL: MISSING,
      FINANCIAL_SENTIMENT_MODEL: HUB_FINANCIAL,
      ZERO_SHOT_MODEL: HUB_NLI,
    });
    await t.running.app.get(ModelManager).settled();
  });

  after(async () => {
    await t.stop();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('reports the missing SENTIMENT_MODEL as failed and scores with the bundled model', async () => {
    const byName = await models();
    assert.equal(byName[MISSING].status, 'failed');
    assert.equal(byName[MISSING].source, 'hub');
    assert.match(byName[MISSING].error ?? '', /not found locally|allowRemoteModels/);
    assert.equal(byName[MISSING].active, false);
    const fallback = byName['cdt-sentiment-binary'];
    assert.deepEqual(
      [fallback.status, fallback.source, fallback.active, fallback.fallback_for],
      ['ready', 'bundled', true, MISSING],
    );
    assert.ok(
      (fallback.load_ms ?? 0) > 0,
      'loaded once: a second load of the same model reports 0 ms',
    );
    const { body } = await api()
      .post('/api/sentiment/analyze')
      .send({ text: 'What a wonderful, great day' })
      .expect(200);
    assert.equal(body.model, 'cdt-sentiment-binary');
    assert.equal(body.label, 'POSITIVE');
  });

  it('says so in health: degraded, naming the model and the reason', async () => {
    const { body } = await api().get('/api/health').expect(200);
    assert.equal(body.status, 'degraded');
    assert.equal(body.components.models.status, 'degraded');
    assert.match(
      body.components.models.message,
      new RegExp(`${MISSING} \\(sentiment\\): failed: `),
    );
  });

  it('loads hub ids from MODELS_DIR without the network and names them in results', async () => {
    const byName = await models();
    assert.deepEqual(
      [byName[HUB_FINANCIAL].status, byName[HUB_FINANCIAL].source],
      ['ready', 'hub'],
    );
    assert.deepEqual([byName[HUB_NLI].status, byName[HUB_NLI].kind], ['ready', 'zero-shot']);
    const { body } = await api()
      .post('/api/sentiment/crypto-analysis')
      .send({ text: 'Bitcoin breaks out to a new all-time high' })
      .expect(200);
    assert.equal(body.method, 'zero-shot');
    assert.equal(body.model, HUB_NLI);
    const { bullish, bearish, neutral } = body.scores;
    assert.ok(
      Math.abs(bullish + bearish + neutral - 1) < 1e-4,
      'softmax over the candidate labels',
    );
    assert.ok([bullish, bearish, neutral].every((s: number) => s > 0));
  });

  it('diagnostics lists the failed model and its auto-fix retries it', async () => {
    const { body } = await api()
      .post('/api/diagnostics/run?auto_fix=true')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    const issue = body.issues.find((i: { check: string }) => i.check === 'model_availability');
    assert.match(issue.message, new RegExp(MISSING));
    const fix = body.fixes_applied.find((f: { check: string }) => f.check === 'model_availability');
    assert.deepEqual([fix.action, fix.result], [`reloaded ${MISSING}`, 'failed']);
  });
});

describe('a hub model still downloading: the bundled model serves until it is ready', () => {
  const HUB_SENTIMENT = 'acme/cdt-sentiment-binary';
  let t: FakeBackedApp;
  let hub: FakeHub;
  const modelsDir = mkdtempSync(join(tmpdir(), 'cdt-models-'));
  const unlabelled = join(modelsDir, 'unlabelled');
  const api = () => request(t.running.url);
  const models = async () =>
    Object.fromEntries(
      ((await api().get('/api/models').expect(200)).body.data as ModelInfo[]).map((m) => [
        m.name,
        m,
      ]),
    );
  const analyze = async () =>
    (
      await api()
        .post('/api/sentiment/analyze')
        .send({ text: 'A wonderful, great day' })
        .expect(200)
    ).body as { label: string; model: string };

  before(async () => {
    hub = await startFakeHub({ held: true });
    seedRelabelled(unlabelled, 'cdt-market-sentiment', ['LABEL_0', 'LABEL_1', 'LABEL_2']);
    t = await startFakeBackedApp({
      ENABLE_SENTIMENT_ANALYSIS: 'true',
      MODELS_DIR: modelsDir,
      HF_ALLOW_REMOTE_MODELS: 'true',
      HF_REMOTE_HOST: hub.url,
      SENTIMENT_MODEL: HUB_SENTIMENT,
      FINANCIAL_SENTIMENT_MODEL: unlabelled,
    });
  });

  after(async () => {
    await t.stop();
    await hub.close();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('answers with the bundled model while the hub download is held', async () => {
    // Bundled models load first, so the hub is asked only once they are ready.
    await until(() => hub.requests.length > 0, 60_000);
    const byName = await models();
    assert.deepEqual(
      [byName[HUB_SENTIMENT].status, byName[HUB_SENTIMENT].active],
      ['loading', false],
    );
    const bundled = byName['cdt-sentiment-binary'];
    assert.deepEqual(
      [bundled.status, bundled.active, bundled.fallback_for],
      ['ready', true, HUB_SENTIMENT],
    );
    const result = await analyze();
    assert.deepEqual([result.label, result.model], ['POSITIVE', 'cdt-sentiment-binary']);
    const { body } = await api().get('/api/health').expect(200);
    assert.equal(body.components.models.status, 'degraded');
  });

  it('switches to the hub model once it has downloaded', async () => {
    hub.release();
    await t.running.app.get(ModelManager).settled();
    const byName = await models();
    assert.deepEqual([byName[HUB_SENTIMENT].status, byName[HUB_SENTIMENT].active], ['ready', true]);
    assert.equal(byName['cdt-sentiment-binary'].active, false);
    const result = await analyze();
    assert.deepEqual([result.label, result.model], ['POSITIVE', HUB_SENTIMENT]);
  });

  it('refuses a model whose labels do not fit its role, and the bundled model serves it', async () => {
    await t.running.app.get(ModelManager).settled();
    const byName = await models();
    assert.equal(byName[unlabelled].status, 'failed');
    assert.match(
      byName[unlabelled].error ?? '',
      /id2label has LABEL_0, LABEL_1, LABEL_2; a financial model needs bullish and bearish/,
    );
    assert.equal(byName['cdt-market-sentiment'].active, true);
    const { body } = await api()
      .post('/api/sentiment/crypto-analysis')
      .send({ text: 'Ethereum rallies as analysts upgrade their price targets; bullish breakout' })
      .expect(200);
    assert.deepEqual(
      [body.sentiment, body.model, body.method],
      ['bullish', 'cdt-market-sentiment', 'classifier'],
    );
  });
});

describe('ENABLE_SENTIMENT_ANALYSIS=false', () => {
  let t: FakeBackedApp;

  before(async () => {
    t = await startFakeBackedApp({ ENABLE_SENTIMENT_ANALYSIS: 'false' });
  });

  after(async () => {
    await t.stop();
  });

  it('answers analysis with a 503 that names the switch, and reports every model disabled', async () => {
    const api = () => request(t.running.url);
    const { body } = await api().post('/api/sentiment/analyze').send({ text: 'good' }).expect(503);
    assert.match(body.message, /ENABLE_SENTIMENT_ANALYSIS=false/);
    assert.ok(body.requestId);
    const models = (await api().get('/api/models').expect(200)).body;
    assert.equal(models.enabled, false);
    assert.ok(models.data.every((m: ModelInfo) => m.status === 'disabled'));
    const health = (await api().get('/api/health').expect(200)).body;
    assert.equal(health.components.models.status, 'disabled');
    const summary = (await api().get('/api/sentiment').expect(200)).body;
    assert.equal(summary.counts.total, 0);
  });
});
