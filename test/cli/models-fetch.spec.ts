import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { type FakeHub, startFakeHub } from '../support/hub-models';
import { REPO_ROOT } from '../support/test-app';

const run = promisify(execFile);
const CLI = join(REPO_ROOT, 'dist-test', 'src', 'cli', 'models-fetch.js');

describe('npm run models:fetch', () => {
  let hub: FakeHub;
  const dir = mkdtempSync(join(tmpdir(), 'cdt-fetch-'));
  const env = (extra: Record<string, string>) => ({
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATA_DIR: dir,
    CONFIG_DIR: join(REPO_ROOT, 'config'),
    MODELS_DIR: join(dir, 'models'),
    HF_REMOTE_HOST: hub.url,
    ...extra,
  });

  before(async () => {
    hub = await startFakeHub();
  });

  after(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads each configured hub model into MODELS_DIR, where the service looks first', async () => {
    const { stdout } = await run(process.execPath, [CLI], {
      env: env({
        SENTIMENT_MODEL: 'acme/cdt-sentiment-binary',
        FINANCIAL_SENTIMENT_MODEL: 'acme/cdt-market-sentiment',
      }),
    });
    assert.match(stdout, /acme\/cdt-sentiment-binary \(sentiment, q8\): in /);
    for (const file of [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model_quantized.onnx',
    ]) {
      assert.ok(existsSync(join(dir, 'models', 'acme', 'cdt-sentiment-binary', file)), file);
    }
    assert.ok(
      hub.requests.includes('/acme/cdt-sentiment-binary/resolve/main/onnx/model_quantized.onnx'),
    );
  });

  it('fails with the reason when a model is not on the hub, unless --best-effort', async () => {
    const missing = env({ SENTIMENT_MODEL: 'acme/not-there' });
    await assert.rejects(
      run(process.execPath, [CLI], { env: missing }),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /acme\/not-there \(sentiment\): failed: /);
        return true;
      },
    );
    const { stderr } = await run(process.execPath, [CLI, '--best-effort'], { env: missing });
    assert.match(stderr, /acme\/not-there \(sentiment\): failed/);
  });

  it('has nothing to do for the bundled models', async () => {
    const { stdout } = await run(process.execPath, [CLI], { env: env({}) });
    assert.match(stdout, /No hub models configured/);
  });
});
