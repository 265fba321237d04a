import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../support/test-app';

const ADMIN_KEY = 'log-test-admin-key-0123456789abcdef';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The real entry point at debug level, its output captured: secrets must never be in it. */
describe('auth: keys and tokens never reach the logs', () => {
  let child: ChildProcess;
  let dataDir: string;
  let url: string;
  let output = '';

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cdt-logs-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(REPO_ROOT, 'dist-test/src/main.js')], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'debug',
        ADMIN_API_KEY: ADMIN_KEY,
        ENABLE_BACKGROUND_TASKS: 'false',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let i = 0; i < 100; i += 1) {
      if (
        await fetch(`${url}/api/health/live`).then(
          (r) => r.ok,
          () => false,
        )
      ) {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the app did not start:\n${output}`);
  });

  after(() => {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs the requests but neither the key, nor the admin key, nor the token', async () => {
    const created = await fetch(`${url}/api/auth/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: JSON.stringify({ name: 'secret keeper', tier: 'pro' }),
    });
    const { key } = (await created.json()) as { key: string };
    const token = (await (
      await fetch(`${url}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: key }),
      })
    ).json()) as { access_token: string };
    await fetch(`${url}/api/auth/me`, { headers: { 'x-api-key': key } });
    await fetch(`${url}/api/auth/me`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${key}x` } });
    await fetch(`${url}/api/auth/keys`, { headers: { 'x-api-key': ADMIN_KEY } });
    await new Promise((r) => setTimeout(r, 300));
    assert.match(output, /"url":"\/api\/auth\/me"/, 'requests are logged');
    for (const [name, secret] of Object.entries({
      key,
      admin: ADMIN_KEY,
      jwt: token.access_token,
    })) {
      assert.ok(!output.includes(secret), `${name} found in the logs`);
      assert.ok(!output.includes(secret.slice(12)), `${name} found (in part) in the logs`);
    }
  });
});
