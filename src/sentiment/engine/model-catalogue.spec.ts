import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../core/config';
import { configuredModels } from './model-catalogue';
import { ModelState } from './model-state';
import { modelsHealth } from './models-health';

const config = (env: Record<string, string> = {}) =>
  loadConfig(
    {
      NODE_ENV: 'test',
      DATA_DIR: '/tmp/cdt-catalogue',
      CONFIG_DIR: join(process.cwd(), 'config'),
      ...env,
    },
    { cwd: '/srv/app' },
  );

describe('model catalogue and health', () => {
  it('uses the bundled models by default and no zero-shot model', () => {
    const specs = configuredModels(config(), '/srv/app');
    assert.deepEqual(
      specs.map((s) => [s.role, s.name, s.source, s.location, s.dtype]),
      [
        [
          'sentiment',
          'cdt-sentiment-binary',
          'bundled',
          '/srv/app/models/cdt-sentiment-binary',
          'q8',
        ],
        [
          'financial',
          'cdt-market-sentiment',
          'bundled',
          '/srv/app/models/cdt-market-sentiment',
          'q8',
        ],
      ],
    );
  });

  it('tells hub ids from folders and uses SENTIMENT_DTYPE for them', () => {
    const specs = configuredModels(
      config({
        SENTIMENT_MODEL: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english',
        FINANCIAL_SENTIMENT_MODEL: './my-models/fin',
        ZERO_SHOT_MODEL: 'Xenova/nli-deberta-v3-xsmall',
        SENTIMENT_DTYPE: 'fp32',
      }),
      '/srv/app',
    );
    assert.deepEqual(
      specs.map((s) => [s.role, s.source, s.location, s.task, s.dtype]),
      [
        [
          'sentiment',
          'hub',
          'Xenova/distilbert-base-uncased-finetuned-sst-2-english',
          'text-classification',
          'fp32',
        ],
        ['financial', 'local', '/srv/app/my-models/fin', 'text-classification', 'fp32'],
        ['zero-shot', 'hub', 'Xenova/nli-deberta-v3-xsmall', 'zero-shot-classification', 'fp32'],
      ],
    );
  });

  it('reports loading as degraded, a failed model with a fallback as degraded, nothing to score as down', () => {
    const [sentiment, financial] = configuredModels(config(), '/srv/app').map(
      (s) => new ModelState(s),
    );
    sentiment.status = 'loading';
    financial.status = 'ready';
    assert.equal(modelsHealth([sentiment, financial], true).status, 'degraded');
    Object.assign(sentiment, { status: 'failed', error: 'file missing' });
    const down = modelsHealth([sentiment, financial], true);
    assert.equal(down.status, 'down');
    assert.match(down.message, /cdt-sentiment-binary \(sentiment\): failed: file missing/);
    assert.equal(modelsHealth([sentiment, financial], false).status, 'disabled');
  });
});
