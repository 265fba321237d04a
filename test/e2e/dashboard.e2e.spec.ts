import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  createTestEnvironment,
  type RunningApp,
  startApp,
  type TestEnvironment,
} from '../support/test-app';

/** What Chromium sends when it navigates to a page. */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const YEAR = 31_536_000;

/** Every asset URL the page references, and every module those modules import, recursively. */
async function crawl(url: string, html: string): Promise<Map<string, request.Response>> {
  const found = new Map<string, request.Response>();
  const queue = [...html.matchAll(/(?:href|src)="(\/dashboard\/[^"]+)"/g)].map((m) => m[1]);
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (found.has(path)) {
      continue;
    }
    const res = await request(url).get(path).buffer(true).parse(textParser);
    found.set(path, res);
    if (path.endsWith('.js')) {
      for (const [, spec] of (res.body as string).matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        queue.push(new URL(spec, `http://x${path}`).pathname);
      }
    }
  }
  return found;
}

function textParser(res: request.Response, done: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
}

describe('dashboard at /', () => {
  let environment: TestEnvironment;
  let running: RunningApp;

  before(async () => {
    environment = await createTestEnvironment({ FREE_TIER_LIMIT: '50/minute,1000/day' });
    running = await startApp(environment);
  });

  after(async () => {
    await running.close();
    await environment.dispose();
  });

  it('API clients keep the service info JSON, whatever JSON-ish Accept they send', async () => {
    for (const accept of [
      undefined,
      'application/json',
      '*/*',
      'application/json, text/html;q=0.5',
    ]) {
      const req = request(running.url).get('/');
      const res = await (accept ? req.set('Accept', accept) : req).expect(200);
      assert.match(res.headers['content-type'], /^application\/json/, `Accept: ${accept}`);
      assert.equal(res.body.name, 'crypto-dt-source');
      assert.deepEqual(res.body.links, {
        docs: '/docs',
        redoc: '/redoc',
        openapi: '/docs-json',
        health: '/api/health',
        asyncapi: '/asyncapi',
      });
      assert.match(res.headers.vary, /\bAccept\b/);
    }
  });

  it('browsers get the page, revalidated by ETag, under a CSP stricter than the API docs get', async () => {
    const res = await request(running.url).get('/').set('Accept', BROWSER_ACCEPT).expect(200);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.match(res.text, /<title>Crypto-DT-Source: live dashboard<\/title>/);
    assert.match(res.headers.vary, /\bAccept\b/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.ok(res.headers.etag);
    const csp = res.headers['content-security-policy'];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'self' https:\/\/huggingface\.co/);
    assert.doesNotMatch(csp, /unsafe|blob:/);
    assert.equal(res.headers['x-frame-options'], undefined);

    await request(running.url)
      .get('/')
      .set('Accept', BROWSER_ACCEPT)
      .set('If-None-Match', res.headers.etag)
      .expect(304);
    const docs = await request(running.url).get('/docs').expect(200);
    assert.match(docs.headers['content-security-policy'], /style-src 'self' 'unsafe-inline'/);
    assert.equal(docs.headers['x-frame-options'], 'SAMEORIGIN');
  });

  it('serves every file the page loads from this service, versioned and immutable', async () => {
    const page = await request(running.url).get('/').set('Accept', BROWSER_ACCEPT).expect(200);
    const before = await request(running.url).get('/api/auth/me').expect(200);
    const files = await crawl(running.url, page.text);
    const version = page.text.match(/\/dashboard\/([0-9a-f]{16})\//)?.[1];
    assert.ok(version);
    const paths = [...files.keys()];
    for (const expected of [
      'dashboard.css',
      'icon.svg',
      'js/main.js',
      'js/panels/candles.js',
      'vendor/lightweight-charts.mjs',
    ]) {
      assert.ok(
        paths.includes(`/dashboard/${version}/${expected}`),
        `${expected} in ${paths.join(', ')}`,
      );
    }
    for (const [path, res] of files) {
      assert.equal(res.status, 200, path);
      assert.match(res.headers['cache-control'], new RegExp(`max-age=${YEAR}, immutable`), path);
      assert.ok(res.headers.etag, path);
      const type = path.endsWith('.css')
        ? /^text\/css/
        : path.endsWith('.svg')
          ? /^image\/svg\+xml/
          : /javascript/;
      assert.match(res.headers['content-type'], type, path);
    }
    assert.match(
      files.get(`/dashboard/${version}/vendor/lightweight-charts.mjs`)?.body,
      /createChart/,
    );
    // The page's files are no data: fetching them does not use up the caller's rate limit.
    const after = await request(running.url).get('/api/auth/me').expect(200);
    assert.equal(
      Number(after.headers['x-ratelimit-remaining']),
      Number(before.headers['x-ratelimit-remaining']) - 1,
    );
  });

  it('imports the Socket.IO client from this server, and answers gzip to browsers', async () => {
    const page = await request(running.url).get('/').set('Accept', BROWSER_ACCEPT).expect(200);
    const mainPath = page.text.match(/src="([^"]+main\.js)"/)?.[1] ?? '';
    const main = await request(running.url)
      .get(mainPath)
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    assert.equal(main.headers['content-encoding'], 'gzip');
    const live = await request(running.url)
      .get(mainPath.replace('main.js', 'live.js'))
      .buffer(true)
      .parse(textParser)
      .expect(200);
    assert.match(live.body, /from '\/socket\.io\/socket\.io\.esm\.min\.js'/);
    const client = await request(running.url).get('/socket.io/socket.io.esm.min.js').expect(200);
    assert.match(client.headers['content-type'], /javascript/);
  });

  it('a file of another version, or none, is a 404 in the one error shape', async () => {
    const res = await request(running.url)
      .get('/dashboard/0000000000000000/js/main.js')
      .expect(404);
    assert.deepEqual(Object.keys(res.body).sort(), ['error', 'message', 'requestId', 'statusCode']);
  });
});
