import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from './test-app';

/** The built app (`dist-test/src/main.js`) in a process of its own, as production runs it. */
export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr, for a failure's message. */
  stderr(): string;
  /** Resident memory from /proc, in MB. */
  rssMb(): number;
  /** SIGKILL: no shutdown hooks, no flush, as a power cut or the OOM killer would. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const STDERR_KEPT = 64 * 1024;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

/** Starts the compiled app with `env` on a free loopback port and waits for /api/health/live. */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist-test/src/main.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
    await exited;
  };
  const app: AppProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    stderr: () => stderr,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    },
    kill: () => until('SIGKILL'),
    stop: () => until('SIGTERM'),
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the app exited with ${child.exitCode} at start:\n${stderr}`);
    }
    const up = await fetch(`${app.url}/api/health/live`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) {
      return app;
    }
    await sleep(100);
  }
  await app.kill();
  throw new Error(`the app did not answer within ${START_TIMEOUT_MS / 1000} s:\n${stderr}`);
}
