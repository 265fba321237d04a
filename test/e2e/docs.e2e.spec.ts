import { Validator } from '@seriousme/openapi-schema-validator';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  createTestEnvironment,
  type RunningApp,
  startApp,
  type TestEnvironment,
} from '../support/test-app';

type DocumentedPath = Record<
  string,
  {
    responses: { default: { content: Record<string, { schema: { $ref: string } }> } };
    security?: Record<string, string[]>[];
    'x-required-tier'?: string;
  }
>;

describe('API documentation', () => {
  let environment: TestEnvironment;
  let running: RunningApp;

  before(async () => {
    environment = await createTestEnvironment();
    running = await startApp(environment);
  });

  after(async () => {
    await running.close();
    await environment.dispose();
  });

  it('/docs-json is a valid OpenAPI 3 document', async () => {
    const res = await request(running.url).get('/docs-json').expect(200);
    const result = await new Validator().validate(res.body);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.match(res.body.openapi, /^3\./);
    assert.equal(res.body.info.title, 'Crypto-DT-Source');
  });

  it('declares the bearer and API-key schemes and documents every route with its DTOs', async () => {
    const { body } = await request(running.url).get('/docs-json').expect(200);
    const bearer = body.components.securitySchemes.bearer;
    assert.equal(bearer.type, 'http');
    assert.equal(bearer.scheme, 'bearer');
    assert.equal(body.components.securitySchemes['api-key'].name, 'X-API-Key');
    assert.deepEqual(Object.keys(body.paths).sort(), [
      '/',
      '/api/analyze/text',
      '/api/auth/keys',
      '/api/auth/keys/{id}',
      '/api/auth/me',
      '/api/auth/token',
      '/api/backups',
      '/api/coins',
      '/api/coins/top',
      '/api/coins/{id}',
      '/api/currencies',
      '/api/defi',
      '/api/defi/chains',
      '/api/defi/protocols/{slug}',
      '/api/defi/tvl-chart',
      '/api/diagnostics/last',
      '/api/diagnostics/run',
      '/api/discovery/results',
      '/api/discovery/results/{name}/enable',
      '/api/discovery/run',
      '/api/discovery/status',
      '/api/gas',
      '/api/health',
      '/api/health/live',
      '/api/health/ready',
      '/api/jobs',
      '/api/jobs/{name}/run',
      '/api/market',
      '/api/market/movers',
      '/api/market/snapshots',
      '/api/metrics',
      '/api/models',
      '/api/news',
      '/api/news/sources',
      '/api/news/{id}',
      '/api/ohlcv',
      '/api/pools',
      '/api/pools/{id}',
      '/api/pools/{id}/rotate',
      '/api/prices',
      '/api/prices/consensus',
      '/api/prices/history/{symbol}',
      '/api/prices/{symbol}',
      '/api/providers',
      '/api/providers/stats',
      '/api/providers/{id}',
      '/api/providers/{id}/check',
      '/api/providers/{id}/health',
      '/api/search',
      '/api/sentiment',
      '/api/sentiment/analyze',
      '/api/sentiment/batch',
      '/api/sentiment/coins/{symbol}',
      '/api/sentiment/crypto-analysis',
      '/api/sentiment/fear-greed',
      '/api/sentiment/history',
      '/api/trending',
      '/asyncapi.json',
      '/metrics',
    ]);
    // The Swagger CLI plugin documents DTO fields from their types and comments.
    const database = body.components.schemas.DatabaseHealthDto;
    assert.deepEqual(database.required.sort(), ['dialect', 'response_time_ms', 'status']);
    assert.match(database.properties.status.description, /round trip/);
    // Every operation documents the one error shape.
    for (const [path, item] of Object.entries<DocumentedPath>(body.paths)) {
      for (const operation of Object.values(item)) {
        assert.equal(
          operation.responses.default.content['application/json'].schema.$ref,
          '#/components/schemas/ErrorResponseDto',
          path,
        );
      }
    }
    // Write endpoints declare their admin requirement and both credentials.
    const patch = body.paths['/api/providers/{id}'].patch;
    assert.equal(patch['x-required-tier'], 'admin');
    assert.deepEqual(patch.security, [{ bearer: [] }, { 'api-key': [] }]);
    assert.equal(body.paths['/api/auth/keys'].post['x-required-tier'], 'admin');
    // Every other operation takes either credential optionally, from the document's security,
    // so Swagger UI's Authorize sends it to public routes too (where a key raises the limits).
    assert.deepEqual(body.security, [{}, { bearer: [] }, { 'api-key': [] }]);
    for (const [path, item] of Object.entries<DocumentedPath>(body.paths)) {
      for (const operation of Object.values(item)) {
        const locked = operation['x-required-tier'] !== undefined;
        assert.deepEqual(
          operation.security,
          locked ? [{ bearer: [] }, { 'api-key': [] }] : undefined,
          path,
        );
      }
    }
    assert.deepEqual(body.components.schemas.ErrorResponseDto.required.sort(), [
      'error',
      'message',
      'requestId',
      'statusCode',
    ]);
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(running.url).get('/docs').redirects(1).expect(200);
    assert.match(res.text, /swagger-ui/i);
  });

  it('serves ReDoc at /redoc from the installed bundle, pointing at /docs-json', async () => {
    const page = await request(running.url).get('/redoc').expect(200);
    assert.match(page.headers['content-type'], /text\/html/);
    assert.match(page.text, /<redoc spec-url="\/docs-json">/);
    const bundle = await request(running.url)
      .get('/redoc/redoc.standalone.js')
      .buffer(true)
      .expect(200);
    assert.match(bundle.headers['content-type'], /javascript/);
    assert.ok(bundle.text.length > 100_000);
  });
});
