import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../scripts/bench/harness';
import { TEST_DATABASE_URL } from '../support/postgres';
import { REPO_ROOT } from '../support/test-app';

/** Permissions do not stop root, so the app runs as `nobody` when the tests run as root. */
const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe(
  'health when the SQLite file becomes unreadable',
  { skip: TEST_DATABASE_URL ? 'SQLite only' : false },
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cdt-unreadable-'));
    const file = join(dataDir, 'crypto-dt-source.sqlite');
    let child: ChildProcess;
    let url: string;
    const health = async () => {
      const res = await fetch(`${url}/api/health`);
      return {
        status: res.status,
        body: (await res.json()) as {
          status: string;
          components: { database: { status: string; message?: string } };
        },
      };
    };

    before(async () => {
      chmodSync(dataDir, 0o777);
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      child = spawn(process.execPath, [join(REPO_ROOT, 'dist-test', 'src', 'main.js')], {
        cwd: REPO_ROOT,
        ...UNPRIVILEGED,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          CONFIG_DIR: join(REPO_ROOT, 'config'),
          LOG_LEVEL: 'silent',
          ENABLE_BACKGROUND_TASKS: 'false',
          ENABLE_SENTIMENT_ANALYSIS: 'false',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      for (let i = 0; i < 150; i++) {
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
      throw new Error('the app did not start');
    });

    after(() => {
      child?.kill();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers 503 with the reason while the file cannot be read, and recovers', async () => {
      assert.equal((await health()).body.components.database.status, 'up');
      chmodSync(file, 0o000);
      const down = await health();
      assert.equal(down.status, 503);
      assert.equal(down.body.status, 'error');
      assert.equal(down.body.components.database.status, 'down');
      assert.match(
        down.body.components.database.message ?? '',
        /cannot read and write .*crypto-dt-source\.sqlite: EACCES/,
      );
      chmodSync(file, 0o644);
      const up = await health();
      assert.equal(up.body.components.database.status, 'up');
      assert.notEqual(up.status, 503);
    });
  },
);
