/**
 * npm run bench:sentiment-memory — where the idle memory of the production build goes with both
 * bundled models loaded and warmed up: RSS split into anonymous memory (heaps, malloc arenas,
 * ONNX Runtime buffers) and mapped files (node, libonnxruntime, sharp's libvips...), the
 * largest mappings, and the thread count. Environment variables are passed through, so a
 * setting can be compared by running it twice (for example with and without MALLOC_ARENA_MAX).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createTestEnvironment } from '../../test/support/test-app';
import { PRODUCTION_ENV, startProcess } from './harness';

const WARM_UP = 20;
const TEXTS = Array.from({ length: 64 }, (_, i) => `Bitcoin rallies as ETF inflows climb #${i}`);

function status(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return match ? Number(match[1]) : NaN;
}

/** Resident kB per mapped file (or [heap], [anon]...), largest first. */
function mappings(pid: number): [string, number][] {
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
      sizes.set(name, (sizes.get(name) ?? 0) + Number(rss[1]));
    }
  }
  return [...sizes].sort(([, a], [, b]) => b - a);
}

async function post(url: string, body: object): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status !== 200) {
    throw new Error(`${url}: HTTP ${res.status}`);
  }
}

async function main(): Promise<void> {
  const environment = await createTestEnvironment({
    ...PRODUCTION_ENV,
    ENABLE_SENTIMENT_ANALYSIS: 'true',
    // As the Docker image and scripts/start.sh run the app (glibc reads it at process start).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  });
  const app = await startProcess('dist-test/src/main.js', environment.env);
  try {
    for (let i = 0; i < 300; i++) {
      const { data } = (await (await fetch(`${app.url}/api/models`)).json()) as {
        data: { status: string }[];
      };
      if (data.every((m) => m.status === 'ready')) {
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let i = 0; i < WARM_UP; i++) {
      await post(`${app.url}/api/sentiment/analyze`, { text: TEXTS[i] });
      await post(`${app.url}/api/sentiment/batch`, { texts: TEXTS });
    }
    await new Promise((r) => setTimeout(r, 3000));
    const pid = app.child.pid as number;
    const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
    console.log(`MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}`);
    console.log(`RSS ${mb(status(pid, 'VmRSS'))}`);
    console.log(`  anonymous ${mb(status(pid, 'RssAnon'))}, files ${mb(status(pid, 'RssFile'))}`);
    console.log(`threads ${status(pid, 'Threads')}`);
    for (const [name, kb] of mappings(pid).slice(0, 12)) {
      console.log(`  ${mb(kb).padStart(9)}  ${name}`);
    }
  } finally {
    app.child.kill();
    await environment.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
