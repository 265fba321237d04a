import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  createTestEnvironment,
  type RunningApp,
  startApp,
  type TestEnvironment,
} from '../support/test-app';

interface Operation {
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: { default?: unknown } }[];
}

describe('one documented shape: tags, parameters, validation messages, AsyncAPI', () => {
  let environment: TestEnvironment;
  let running: RunningApp;

  before(async () => {
    environment = await createTestEnvironment();
    running = await startApp(environment, {
      HF_SPACE_URL: 'https://someone-crypto-dt-source.hf.space/',
    });
  });

  after(async () => {
    await running.close();
    await environment.dispose();
  });

  it('/docs lists tags in a data user’s order, every operation under one of them', async () => {
    const { body } = await request(running.url).get('/docs-json').expect(200);
    const tags = (body.tags as { name: string }[]).map((t) => t.name);
    assert.deepEqual(tags, [
      'prices and market',
      'coins',
      'OHLCV and history',
      'DeFi',
      'news',
      'sentiment',
      'real-time',
      'auth',
      'operations',
    ]);
    const operations = Object.entries(
      body.paths as Record<string, Record<string, Operation>>,
    ).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    for (const { path, method, op } of operations) {
      assert.equal(op.tags?.length, 1, `${method} ${path}: ${String(op.tags)}`);
      assert.ok(tags.includes(op.tags[0]), `${method} ${path}: ${op.tags[0]}`);
    }
    const tagOf = (path: string) => body.paths[path].get.tags[0] as string;
    assert.deepEqual(
      ['/api/prices', '/api/coins/top', '/api/prices/history/{symbol}', '/asyncapi.json'].map(
        tagOf,
      ),
      ['prices and market', 'coins', 'OHLCV and history', 'real-time'],
    );
    assert.match(body.info.description, /\[\/asyncapi\]\(\/asyncapi\)/);
  });

  it('a query field with a default is optional in the document (vs)', async () => {
    const { body } = await request(running.url).get('/docs-json').expect(200);
    const parameters = Object.values(body.paths as Record<string, Record<string, Operation>>)
      .flatMap((item) => Object.values(item))
      .flatMap((op) => op.parameters ?? []);
    const vs = parameters.filter((p) => p.name === 'vs');
    assert.ok(vs.length >= 2);
    assert.ok(vs.every((p) => p.required === false && p.schema?.default === 'usd'));
    const defaultedRequired = parameters.filter(
      (p) => p.required && p.schema?.default !== undefined,
    );
    assert.deepEqual(defaultedRequired, []);
  });

  it('validation answers one message per field, naming what is allowed, without internals', async () => {
    const unknown = await request(running.url).get('/api/prices?symbols=BTC&q=1').expect(400);
    assert.equal(unknown.body.message, 'q is not a known field; allowed: format, symbols, vs');
    const several = await request(running.url).get('/api/prices?vs=e1&foo=1').expect(400);
    assert.equal(
      several.body.message,
      'foo is not a known field; allowed: format, symbols, vs; symbols must name at least one ticker; each vs currency must be a code of 2-10 letters (GET /api/currencies lists the supported ones)',
    );
    const repeated = await request(running.url)
      .post('/api/sentiment/analyze')
      .send({ text: '' })
      .expect(400);
    assert.equal(repeated.body.message, 'text must be a string of 1 to 10000 characters');
    assert.doesNotMatch(`${unknown.text}${several.text}`, /should not exist|property /);
  });

  it('/asyncapi.json is a valid AsyncAPI 3 document of both transports', async () => {
    const { body } = await request(running.url).get('/asyncapi.json').expect(200);
    const { document, diagnostics } = await new Parser().parse(body);
    const errors = diagnostics.filter(
      (d) => Number(d.severity) === Number(DiagnosticSeverity.Error),
    );
    assert.deepEqual(errors, [], JSON.stringify(errors, null, 2));
    assert.ok(document);
    assert.equal(document.version(), '3.0.0');
    assert.deepEqual(
      document
        .servers()
        .all()
        .map((s) => `${s.protocol()}://${s.host()}${s.pathname()}`),
      [
        'wss://someone-crypto-dt-source.hf.space/socket.io',
        'wss://someone-crypto-dt-source.hf.space/ws',
      ],
    );
    assert.deepEqual(
      document
        .channels()
        .all()
        .map((c) => c.address()),
      ['prices:{symbol}', 'market', 'news', 'sentiment', 'providers', 'stats', null],
    );
    const events = document
      .messages()
      .all()
      .map((m) => m.name());
    for (const name of [
      'price',
      'subscribe',
      'subscribed',
      'unsubscribe',
      'welcome',
      'error',
      'dropped',
    ]) {
      assert.ok(events.includes(name), name);
    }
    const subscribe = document.operations().get('subscribe');
    assert.equal(subscribe?.reply()?.messages().all()[0].name(), 'subscribed');
    const price = body.components.schemas.price;
    assert.ok(price.required.includes('time') && price.required.includes('ts'));
    assert.match(body.info.description, /4003/);
  });

  it('/asyncapi renders the document as a page without scripts', async () => {
    const res = await request(running.url).get('/asyncapi').expect(200);
    assert.match(res.headers['content-type'], /text\/html/);
    assert.match(res.text, /prices:\{symbol\}/);
    assert.match(res.text, /href="\/asyncapi.json"/);
    assert.match(res.text, /id="message-subscribed"/);
    assert.doesNotMatch(res.text, /<script/);
  });
});
