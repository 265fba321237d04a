import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestEnvironment, REPO_ROOT, type TestEnvironment } from '../support/test-app';

const MAIN = join(REPO_ROOT, 'dist-test', 'src', 'main.js');

interface Exit {
  code: number | null;
  stderr: string;
}

/** Runs the real entry point with a clean environment and waits for it to exit. */
function runMain(env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
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
});
