import assert from 'node:assert/strict';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiKey } from '../../src/auth/entities/api-key.entity';
import { NewsItem } from '../../src/news/entities/news-item.entity';
import { NewsIngestService } from '../../src/news/news-ingest.service';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { decodeBody } from '../support/http-body';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** The server closed the connection after answering. */
  closed: boolean;
}

/**
 * Writes `head` on a fresh connection and reads until the server closes it: what a client sees
 * when it announces more than it sends, or sends what Node itself refuses.
 */
function rawExchange(url: string, head: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error('the server held the connection open for 10 s without closing it'));
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headText, bodyText] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = headText.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const at = line.indexOf(':');
          return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
        }),
      );
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: JSON.parse(bodyText) as Record<string, unknown>,
        closed: true,
      });
    });
  });
}

function assertErrorShape(body: Record<string, unknown>, statusCode: number): void {
  assert.deepEqual(Object.keys(body).sort(), ['error', 'message', 'requestId', 'statusCode']);
  assert.equal(body.statusCode, statusCode);
  assert.equal(typeof body.error, 'string');
  assert.equal(typeof body.message, 'string');
  assert.match(body.requestId as string, UUID);
}

describe('hostile input: key changes and tokens (issue 17 items 6 and 10)', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const secret = () => t.running.config.security.jwtSecret;

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it('PATCH /api/auth/keys/:id with a null name or tier is a 400 that changes nothing', async () => {
    const created = await api()
      .post('/api/auth/keys')
      .set('X-API-Key', ADMIN_KEY)
      .send({ name: 'bot', tier: 'pro' })
      .expect(201);
    const { id, key } = created.body as { id: number; key: string };
    const cases: [object, RegExp][] = [
      [{ name: null }, /name must be a string/],
      [{ tier: null }, /^tier must be one of free, pro, enterprise, admin$/],
      [{ revoked: null }, /^revoked must be true or false$/],
      [{ name: null, tier: 'enterprise' }, /name must be a string/],
    ];
    for (const [body, message] of cases) {
      const res = await api()
        .patch(`/api/auth/keys/${id}`)
        .set('X-API-Key', ADMIN_KEY)
        .send(body)
        .expect(400);
      assertErrorShape(res.body, 400);
      assert.match(res.body.message, message, JSON.stringify(body));
    }
    const row = await t.running.app.get(DataSource).getRepository(ApiKey).findOneByOrFail({ id });
    assert.deepEqual([row.name, row.tier, row.revokedAt], ['bot', 'pro', null]);
    const me = await api().get('/api/auth/me').set('X-API-Key', key).expect(200);
    assert.equal(me.body.tier, 'pro', 'the key still works with its tier');
    const renamed = await api()
      .patch(`/api/auth/keys/${id}`)
      .set('X-API-Key', ADMIN_KEY)
      .send({ name: 'bot 2' })
      .expect(200);
    assert.deepEqual([renamed.body.name, renamed.body.tier], ['bot 2', 'pro']);
  });

  it('a validly signed JWT whose sub is 400 digits, or that has no exp, is a 401', async () => {
    const { body } = await api()
      .post('/api/auth/keys')
      .set('X-API-Key', ADMIN_KEY)
      .send({ name: 'admin bot', tier: 'admin' })
      .expect(201);
    const tokens = {
      hugeSub: jwt.sign({ sub: '9'.repeat(400) }, secret(), { expiresIn: 60 }),
      unsafeSub: jwt.sign({ sub: '9007199254740993' }, secret(), { expiresIn: 60 }),
      noExp: jwt.sign({ sub: String(body.id) }, secret()),
      numericSub: jwt.sign({ sub: body.id as number }, secret(), { expiresIn: 60 }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await api().get('/api/auth/keys').set('Authorization', `Bearer ${token}`);
      assert.equal(res.status, 401, name);
      assertErrorShape(res.body, 401);
    }
    const good = jwt.sign({ sub: String(body.id) }, secret(), { expiresIn: 60 });
    await api().get('/api/auth/keys').set('Authorization', `Bearer ${good}`).expect(200);
  });
});

describe('hostile input: oversized requests and titles (issue 17 item 10)', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp((fake) => ({
      NEWS_FEEDS: `${fake.baseUrl}/feeds/wire`,
      PROVIDER_TIMEOUT_MS: '3000',
    }));
  });

  after(async () => {
    await t.stop();
  });

  it('Content-Length: 1000000000 is answered 413 at once, before any body, and the connection closed', async () => {
    const answer = await rawExchange(
      t.running.url,
      [
        'POST /api/sentiment/analyze HTTP/1.1',
        'Host: localhost',
        'Content-Type: application/json',
        'Content-Length: 1000000000',
        '',
        '{"text": "',
      ].join('\r\n'),
    );
    assert.equal(answer.status, 413);
    assert.equal(answer.headers.connection, 'close');
    assertErrorShape(answer.body, 413);
    assert.equal(
      answer.body.message,
      'request body of 1000000000 bytes is over the 2mb limit (REQUEST_BODY_LIMIT)',
    );
    assert.equal(answer.headers['x-request-id'], answer.body.requestId);
    await api().get('/api/health/live').expect(200);
  });

  it('headers over Node limit get a 431 in the error shape', async () => {
    const answer = await rawExchange(
      t.running.url,
      `GET /api/health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    assert.equal(answer.status, 431);
    assertErrorShape(answer.body, 431);
    assert.equal(
      answer.body.message,
      'request headers are over the 16384 bytes the server accepts',
    );
    const malformed = await rawExchange(t.running.url, 'NOT HTTP AT ALL\r\n\r\n');
    assert.equal(malformed.status, 400);
    assertErrorShape(malformed.body, 400);
    await api().get('/api/health/live').expect(200);
  });

  it('a 15 KB provider id of encoded brackets, gzip accepted: a 404 in the error shape quoting 64 characters (fuzz seed 17)', async () => {
    // The fuzz's finding: the 404 echoed the whole 7.5 KB id, so compression kicked in and a
    // reader that did not undo Content-Encoding (the fuzzer's own) saw no JSON.
    const id = '%5B%5D'.repeat(2_500);
    const answer = await new Promise<{ headers: IncomingHttpHeaders; raw: Buffer; status: number }>(
      (resolve, reject) => {
        const req = httpGet(
          `${t.running.url}/api/providers/${id}`,
          { headers: { 'x-api-key': ADMIN_KEY, 'accept-encoding': 'gzip' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                headers: res.headers,
                raw: Buffer.concat(chunks),
                status: res.statusCode ?? 0,
              }),
            );
          },
        );
        req.on('error', reject);
      },
    );
    assert.equal(answer.status, 404);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const body = JSON.parse(
      decodeBody(answer.raw, String(answer.headers['content-encoding'] ?? '')).toString(),
    ) as Record<string, unknown>;
    assertErrorShape(body, 404);
    assert.equal(
      body.message,
      `Unknown provider "${'[]'.repeat(32)}…"; GET /api/providers lists them`,
    );
    assert.ok(answer.raw.length < 1024, `the answer is small (${answer.raw.length} bytes)`);
    const providers = await api().get('/api/providers').set('X-API-Key', ADMIN_KEY).expect(200);
    assert.ok((providers.body.data as unknown[]).length > 0, 'the providers are unchanged');
  });

  it('a news title of 120,011 characters is stored cut to 300 characters ending in an ellipsis', async () => {
    const long = `Bitcoin ${'moon '.repeat(24_000)}end`;
    assert.equal(long.length, 120_011);
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>wire</title>
      <item><title>${long}</title><link>https://wire.example/long</link></item>
      <item><title>Ether steady</title><link>https://wire.example/short</link></item>
      </channel></rss>`;
    t.fake.inject('feeds:/wire', { type: 'status', status: 200, body: rss });
    await t.running.app.get(NewsIngestService).ingestAll();
    const rows = await t.running.app
      .get(DataSource)
      .getRepository(NewsItem)
      .find({ order: { url: 'ASC' } });
    assert.deepEqual(
      rows.map((r) => [r.url, r.title.length]),
      [
        ['https://wire.example/long', 300],
        ['https://wire.example/short', 'Ether steady'.length],
      ],
    );
    assert.equal(rows[0].title, `${long.slice(0, 299)}…`);
    const served = await api().get('/api/news').expect(200);
    assert.deepEqual(
      (served.body.data as { title: string }[]).map((i) => i.title).sort(),
      rows.map((r) => r.title).sort(),
    );
  });
});
