import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { createHistogram } from 'node:perf_hooks';
import { REPO_ROOT } from '../../test/support/test-app';
import { size } from './summary';

/**
 * Load per run: enough connections to keep a small server busy, long enough to settle (5 s in
 * the quick form: shorter runs made the ratio targets swing on a busy machine).
 */
export const LOAD = { connections: 32, duration: size(10, 5) };

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
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

/**
 * autocannon against one URL; any non-2xx answer or error fails the benchmark. Latencies are
 * taken from each response (autocannon's own table rounds to whole milliseconds and has no p95).
 */
export async function load(
  url: string,
  headers: Record<string, string> = {},
  request: Pick<autocannon.Options, 'method' | 'body' | 'requests'> = {},
): Promise<LoadResult> {
  const micros = createHistogram();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ url, headers, ...request, ...LOAD }, (error, done) =>
      error ? reject(error as Error) : resolve(done),
    );
    run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
      micros.record(Math.max(1, Math.round(ms * 1000))),
    );
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  const at = (p: number) => micros.percentile(p) / 1000;
  return { rps: result.requests.average, p50: at(50), p95: at(95), p99: at(99) };
}

/** Resident memory of a process (Linux), in MB: its worker threads included. */
/** A number field of /proc/<pid>/status (kB for the memory ones), NaN when absent. */
function statusField(status: string, name: string): number {
  return Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
}

export function rssMb(pid: number): number {
  return statusField(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS') / 1024;
}

/** Where a process's resident memory is: anonymous (heaps, arenas) and mapped files, in MB. */
export interface MemoryBreakdown {
  anonymousMb: number;
  filesMb: number;
  threads: number;
  /** Resident MB per mapping name (a file, or [heap], [anonymous]...), largest first. */
  largest: [string, number][];
}

export function memoryBreakdown(pid: number, top = 8): MemoryBreakdown {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => statusField(status, name);
  const sizes = new Map<string, number>();
  let name = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      name = header[1] ? basename(header[1]) : '[anonymous]';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      sizes.set(name, (sizes.get(name) ?? 0) + Number(rss[1]) / 1024);
    }
  }
  return {
    anonymousMb: field('RssAnon') / 1024,
    filesMb: field('RssFile') / 1024,
    threads: field('Threads'),
    largest: [...sizes].sort(([, a], [, b]) => b - a).slice(0, top),
  };
}

/** The app as production runs it: compiled, NODE_ENV=production, info logging. */
export const PRODUCTION_ENV = {
  LOG_LEVEL: 'info',
  NODE_ENV: 'production',
  JWT_SECRET_KEY: 'bench-secret-0123456789abcdef0123456789',
  API_KEY_SALT: 'bench-salt-0123456789abcdef0123456789ab',
};

/**
 * A bare node:http server (bare-server.ts, its own process) answering every request with the
 * bytes and headers the app gave `url`: the yardstick for an HTTP scenario, so the load generator
 * parses the same answers from both and only the servers differ.
 */
export async function startBareTwin(
  url: string,
  init: RequestInit = {},
): Promise<{ url: string; child: ChildProcess; bytes: number }> {
  const first = await fetch(url, init);
  if (!first.ok) {
    throw new Error(`${url}: HTTP ${first.status}`);
  }
  const body = Buffer.from(await first.arrayBuffer());
  const bare = await startProcess('dist-test/scripts/bench/bare-server.js', {
    BODY_BASE64: body.toString('base64'),
    HEADERS_JSON: JSON.stringify(answerHeaders(first.headers)),
  });
  return { ...bare, bytes: body.length };
}

/** The app's answer headers but those node:http writes itself, for the bare server to send too. */
function answerHeaders(headers: Headers): Record<string, string> {
  const own = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  return Object.fromEntries([...headers].filter(([name]) => !own.has(name)));
}

/** CPU time a process has used so far (user + system, Linux), in ms; 10 ms resolution. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * (1000 / CLOCK_TICKS_PER_SECOND);
}

/** USER_HZ: 100 on every Linux build Node supports (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Waits until every configured model is loaded; their names. */
export async function modelsReady(url: string): Promise<string[]> {
  // Two minutes: loading takes far longer than usual when the machine is busy.
  for (let i = 0; i < 1200; i++) {
    const { data } = (await (await fetch(`${url}/api/models`)).json()) as {
      data: { status: string; name: string }[];
    };
    if (data.every((m) => m.status === 'ready')) {
      return data.map((m) => m.name);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('models did not load');
}
