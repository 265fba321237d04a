import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/test-app';

/** Load per run: enough connections to keep a small server busy, long enough to settle. */
export const LOAD = { connections: 32, duration: 10 };

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

/**
 * Starts a compiled script in its own process on a free port and waits for it to answer.
 * `root`: another checkout to run it from (a baseline build), the repository by default.
 */
export async function startProcess(
  script: string,
  env: Record<string, string>,
  root = REPO_ROOT,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, script)], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i += 1) {
    const up = await fetch(`${url}/api/health/live`).then(
      () => true,
      () => false,
    );
    if (up) {
      return { url, child };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${script} did not start`);
}

/** autocannon against one URL; any non-2xx answer or error fails the benchmark. */
export async function load(url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  const result = await autocannon({ url, headers, ...LOAD });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** The app as production runs it: compiled, NODE_ENV=production, info logging. */
export const PRODUCTION_ENV = {
  LOG_LEVEL: 'info',
  NODE_ENV: 'production',
  JWT_SECRET_KEY: 'bench-secret-0123456789abcdef0123456789',
  API_KEY_SALT: 'bench-salt-0123456789abcdef0123456789ab',
};
