import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../support/test-app';

/**
 * No Docker engine runs on the build machines, so this replays what the Dockerfile does on the
 * host: the production build, production dependencies only, NODE_ENV=production with secrets,
 * then the real entry point. A runtime import of a dev dependency fails here.
 */
describe('production image replay', () => {
  let workDir: string;
  let child: ChildProcess;
  let baseUrl: string;

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'cdt-image-'));
    const appDir = join(workDir, 'app');
    execFileSync('npx', ['nest', 'build', '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT });
    for (const entry of ['dist', 'config', 'models', 'web', 'package.json', 'package-lock.json']) {
      cpSync(join(REPO_ROOT, entry), join(appDir, entry), { recursive: true });
    }
    // Hard links keep this fast; npm prune only unlinks, so the repository's copy is untouched.
    execFileSync('cp', ['-al', join(REPO_ROOT, 'node_modules'), join(appDir, 'node_modules')]);
    rmSync(join(appDir, 'node_modules', '.package-lock.json'));
    execFileSync(
      'npm',
      ['prune', '--omit=dev', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'],
      {
        cwd: appDir,
        stdio: 'ignore',
      },
    );
    assert.throws(() =>
      execFileSync('node', ['-e', "require.resolve('@nestjs/cli')"], {
        cwd: appDir,
        stdio: 'ignore',
      }),
    );

    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['dist/main.js'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(workDir, 'data'),
        LOG_LEVEL: 'warn',
        JWT_SECRET_KEY: 'image-test-jwt-secret-0123456789abcdef',
        API_KEY_SALT: 'image-test-api-key-salt-0123456789abcdef',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForLive(`${baseUrl}/api/health/live`);
  });

  after(() => {
    child?.kill('SIGTERM');
    rmSync(workDir, { recursive: true, force: true });
  });

  it('starts with production dependencies only and answers liveness', async () => {
    const res = await fetch(`${baseUrl}/api/health/live`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'ok');
  });

  it('serves the OpenAPI document and a migrated database', async () => {
    const docs = (await (await fetch(`${baseUrl}/docs-json`)).json()) as { openapi: string };
    assert.match(docs.openapi, /^3\./);
    const health = (await (await fetch(`${baseUrl}/api/health`)).json()) as {
      components: { database: { status: string } };
    };
    assert.equal(health.components.database.status, 'up');
  });

  it('serves the dashboard and its chart library from production dependencies', async () => {
    const page = await fetch(`${baseUrl}/`, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    const html = await page.text();
    const base = html.match(/href="(\/dashboard\/[0-9a-f]{16})\/dashboard\.css"/)?.[1];
    assert.ok(base, 'the page links its versioned styles');
    const library = await fetch(`${baseUrl}${base}/vendor/lightweight-charts.mjs`);
    assert.equal(library.status, 200);
    assert.match(await library.text(), /createChart/);
  });

  it('scores text with the bundled model in the worker thread of the compiled build', async () => {
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      const models = (await (await fetch(`${baseUrl}/api/models`)).json()) as {
        data: { status: string }[];
      };
      ready = models.data.every((m) => m.status === 'ready');
      await new Promise((r) => setTimeout(r, ready ? 0 : 100));
    }
    const res = await fetch(`${baseUrl}/api/sentiment/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'A wonderful, great result' }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { label: string; model: string };
    assert.deepEqual([body.label, body.model], ['POSITIVE', 'cdt-sentiment-binary']);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForLive(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
