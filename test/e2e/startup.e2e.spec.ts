import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestEnvironment, REPO_ROOT, type TestEnvironment } from '../support/test-app';

const MAIN = join(REPO_ROOT, 'dist-test', 'src', 'main.js');

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** A port unlikely to be taken (PORT may not be 0). */
function freePort(): number {
  return 20_000 + Math.floor(Math.random() * 20_000);
}

/**
 * Runs the real entry point with a clean environment and waits for it to exit, or stops it once
 * its standard output matches `until`.
 */
function runMain(env: Record<string, string>, until?: RegExp): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until?.test(stdout)) {
        child.kill('SIGTERM');
      }
    });
    // Generous: loading the app's modules alone can take over 15 s on a loaded machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe('start-up refuses bad configuration', () => {
  let environment: TestEnvironment;

  before(async () => {
    environment = await createTestEnvironment();
  });

  after(async () => {
    await environment.dispose();
  });

  it('PORT=abc stops the start with a message naming PORT', async () => {
    const { code, stderr } = await runMain({ ...environment.env, PORT: 'abc' });
    assert.equal(code, 1);
    assert.match(stderr, /PORT: expected an integer from 1 to 65535, got "abc"/);
    assert.doesNotMatch(stderr, /at .+\.js:\d+/);
  });

  it('DATABASE_URL=mysql://x stops the start with a message naming DATABASE_URL', async () => {
    const { code, stderr } = await runMain({ ...environment.env, DATABASE_URL: 'mysql://x' });
    assert.equal(code, 1);
    assert.match(stderr, /DATABASE_URL: expected postgres:\/\/.* got scheme "mysql"/);
  });

  it('NODE_ENV=production, or no NODE_ENV, without secrets stops the start naming both secrets', async () => {
    for (const nodeEnv of ['production', '']) {
      const { code, stderr } = await runMain({ ...environment.env, NODE_ENV: nodeEnv });
      assert.equal(code, 1, `NODE_ENV="${nodeEnv}"`);
      assert.match(stderr, /JWT_SECRET_KEY: required unless NODE_ENV=development or test/);
      assert.match(stderr, /API_KEY_SALT: required unless NODE_ENV=development or test/);
    }
  });

  it('lists every bad variable in one message', async () => {
    const { stderr } = await runMain({
      ...environment.env,
      PORT: '99999',
      LOG_LEVEL: 'loud',
      ENABLE_BACKGROUND_TASKS: 'maybe',
    });
    assert.match(stderr, /3 problems/);
    assert.match(stderr, /PORT:/);
    assert.match(stderr, /LOG_LEVEL: expected one of fatal, error/);
    assert.match(stderr, /ENABLE_BACKGROUND_TASKS: expected true or false/);
  });

  it('the seed’s placeholder and low-entropy secrets are refused; ENVIRONMENT=staging follows production', async () => {
    const strong = 'Zt4q9w-LmX2vB8rK_pN5sYc7HdJ3fGa6';
    const staging = await runMain({
      ...environment.env,
      NODE_ENV: '',
      ENVIRONMENT: 'staging',
      JWT_SECRET_KEY: 'your-secret-key-change-in-production',
      API_KEY_SALT: 'ab'.repeat(20),
    });
    assert.equal(staging.code, 1);
    assert.match(staging.stderr, /JWT_SECRET_KEY: a default or example value cannot be used/);
    assert.match(
      staging.stderr,
      /API_KEY_SALT: too predictable \(its characters carry about 40 bits/,
    );
    assert.doesNotMatch(staging.stderr, /ENVIRONMENT/);
    const started = await runMain(
      {
        ...environment.env,
        NODE_ENV: '',
        ENVIRONMENT: 'staging',
        JWT_SECRET_KEY: strong,
        API_KEY_SALT: [...strong].reverse().join(''),
        LOG_LEVEL: 'info',
        PORT: String(freePort()),
      },
      /listening|Nest application successfully started/,
    );
    assert.doesNotMatch(started.stderr, /JWT_SECRET_KEY|API_KEY_SALT|ENVIRONMENT/);
    assert.match(started.stdout, /Nest application successfully started/);
  });

  it('logs one warning naming unknown variables with a known prefix and likely misspellings', async () => {
    const { stdout } = await runMain(
      {
        ...environment.env,
        LOG_LEVEL: 'warn',
        PORT: String(freePort()),
        CACHE_TTL_PRICE: '5',
        COINGECKO_APIKEY: 'x',
        COINGECKO_TIMEOUT: '5',
        LOG_LEVLE: 'debug',
        HF_SPACE: 'someone/crypto-dt-source',
        HF_SPACE_URL: 'https://someone-crypto-dt-source.hf.space',
        UNRELATED_TOOL_SETTING: '1',
      },
      /Unknown configuration variables/,
    );
    const warnings = stdout.split('\n').filter((line) => line.includes('Unknown configuration'));
    assert.equal(warnings.length, 1);
    const { msg } = JSON.parse(warnings[0]) as { msg: string };
    assert.equal(
      msg,
      'Unknown configuration variables, ignored: CACHE_TTL_PRICE (did you mean CACHE_TTL_PRICES?), ' +
        'COINGECKO_APIKEY (did you mean COINGECKO_API_KEY?), COINGECKO_TIMEOUT, ' +
        'LOG_LEVLE (did you mean LOG_LEVEL?). ' +
        'The README lists every variable.',
    );
  });
});
