import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  createTestEnvironment,
  type RunningApp,
  startApp,
  type TestEnvironment,
} from '../support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('HTTP pipeline', () => {
  let environment: TestEnvironment;
  let running: RunningApp;

  before(async () => {
    environment = await createTestEnvironment({
      REQUEST_BODY_LIMIT: '1kb',
      CORS_ORIGINS: 'https://dash.example',
    });
    running = await startApp(environment);
  });

  after(async () => {
    await running.close();
    await environment.dispose();
  });

  it('GET / names the service, its version and where the docs are', async () => {
    const res = await request(running.url).get('/').expect(200);
    assert.equal(res.body.name, 'crypto-dt-source');
    assert.match(res.body.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(res.body.links, {
      docs: '/docs',
      redoc: '/redoc',
      asyncapi: '/asyncapi',
      openapi: '/docs-json',
      health: '/api/health',
    });
  });

  it('GET /api/health reports the database up through a real round trip', async () => {
    const res = await request(running.url).get('/api/health').expect(200);
    assert.equal(res.body.status, 'ok');
    assert.ok(!Number.isNaN(Date.parse(res.body.timestamp)));
    assert.equal(res.body.components.database.status, 'up');
    assert.equal(
      res.body.components.database.dialect,
      running.config.database.type === 'postgres' ? 'postgres' : 'better-sqlite3',
    );
    assert.equal(typeof res.body.components.database.response_time_ms, 'number');
    assert.deepEqual(Object.keys(res.body.components).sort(), [
      'cache',
      'database',
      'disk',
      'jobs',
      'memory',
      'models',
      'providers',
      'websocket',
    ]);
    assert.equal(res.body.components.disk.status, 'up');
    assert.match(res.body.components.disk.message, /^\d+ MB free of \d+ MB$/);
    const before = res.body.metrics.request_count_1h as number;
    await request(running.url).get('/api/auth/me').expect(200);
    await request(running.url).get('/api/auth/me').expect(200);
    const again = await request(running.url).get('/api/health').expect(200);
    assert.equal(
      again.body.metrics.request_count_1h,
      before + 3,
      'two requests and a health check',
    );
    assert.ok(again.body.metrics.average_response_time_ms > 0);
    assert.equal(again.body.metrics.active_connections, 0);
  });

  it('GET /api/health/ready answers once the migrations have run', async () => {
    const res = await request(running.url).get('/api/health/ready').expect(200);
    assert.equal(res.body.status, 'ready');
    assert.ok(res.body.migrations >= 6);
  });

  it('metrics move as requests are answered, as JSON and for Prometheus', async () => {
    const scrape = async () => (await request(running.url).get('/metrics').expect(200)).text;
    const count = (text: string) =>
      Number(
        /^http_request_duration_seconds_count\{method="GET",route="\/api\/auth\/me",status="200"\} (\d+)$/m.exec(
          text,
        )?.[1] ?? 0,
      );
    const first = await scrape();
    await request(running.url).get('/api/auth/me').expect(200);
    const second = await scrape();
    assert.equal(count(second), count(first) + 1);
    assert.match(second, /^# TYPE upstream_request_duration_seconds histogram$/m);
    assert.match(second, /^cache_lookups_total\{result="miss"\} \d+$/m);
    assert.match(second, /^provider_breaker_state\{provider="coingecko"\} 0$/m);
    assert.match(second, /^realtime_connections 0$/m);
    const json = await request(running.url).get('/api/metrics').expect(200);
    assert.equal(json.body.active_requests, 1, 'this request');
    assert.equal(json.body.websocket_connections, 0);
    assert.ok(json.body.database_size_mb > 0);
    assert.ok(json.body.memory_percent > 0 && json.body.memory_percent < 100);
    assert.ok(json.body.provider_stats.some((p: { id: string }) => p.id === 'coingecko'));
  });

  it('GET /api/health/live answers with the process uptime', async () => {
    const res = await request(running.url).get('/api/health/live').expect(200);
    assert.equal(res.body.status, 'ok');
    assert.ok(Number.isInteger(res.body.uptime_seconds) && res.body.uptime_seconds >= 0);
  });

  it('an unknown route is a JSON 404 in the documented error shape with the request id', async () => {
    const res = await request(running.url).get('/api/does-not-exist').expect(404);
    assert.match(res.headers['content-type'], /application\/json/);
    assert.deepEqual(Object.keys(res.body).sort(), ['error', 'message', 'requestId', 'statusCode']);
    assert.equal(res.body.statusCode, 404);
    assert.equal(res.body.error, 'Not Found');
    assert.equal(res.body.message, 'Cannot GET /api/does-not-exist');
    assert.match(res.body.requestId, UUID);
    assert.equal(res.headers['x-request-id'], res.body.requestId);
  });

  it('keeps a well-formed incoming X-Request-Id and replaces a malformed one', async () => {
    const kept = await request(running.url).get('/nope').set('X-Request-Id', 'trace-42.a:b');
    assert.equal(kept.body.requestId, 'trace-42.a:b');
    assert.equal(kept.headers['x-request-id'], 'trace-42.a:b');
    const replaced = await request(running.url).get('/nope').set('X-Request-Id', 'bad id <script>');
    assert.match(replaced.body.requestId, UUID);
  });

  it('malformed JSON is a 400 in the error shape, without a stack trace', async () => {
    const res = await request(running.url)
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send('{"broken": ');
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'Bad Request');
    assert.match(res.body.requestId, UUID);
    assert.doesNotMatch(JSON.stringify(res.body), /at \w+ \(|node_modules/);
  });

  it('a body over REQUEST_BODY_LIMIT is a 413 in the error shape', async () => {
    const res = await request(running.url)
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(4096) }));
    assert.equal(res.status, 413);
    assert.equal(res.body.statusCode, 413);
    assert.equal(res.body.error, 'Payload Too Large');
    assert.match(res.body.requestId, UUID);
  });

  it('sends helmet security headers and no X-Powered-By', async () => {
    const res = await request(running.url).get('/api/health/live');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(res.headers['content-security-policy'], /default-src 'self'/);
    assert.equal(res.headers['x-powered-by'], undefined);
  });

  it('answers CORS only for the configured origins and exposes the request id', async () => {
    const allowed = await request(running.url)
      .get('/api/health/live')
      .set('Origin', 'https://dash.example');
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://dash.example');
    assert.match(allowed.headers['access-control-expose-headers'], /X-Request-Id/);
    const other = await request(running.url)
      .get('/api/health/live')
      .set('Origin', 'https://evil.example');
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  it('gzips large JSON answers when the client accepts it', async () => {
    const res = await request(running.url).get('/docs-json').set('Accept-Encoding', 'gzip');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.body.openapi.slice(0, 2), '3.');
  });
});
