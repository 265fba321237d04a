import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiKey } from '../../src/auth/entities/api-key.entity';
import { UserRequest } from '../../src/auth/entities/user-request.entity';
import { ApiKeyService } from '../../src/auth/keys/api-key.service';
import { RequestLogService } from '../../src/auth/request-log/request-log.service';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { REPO_ROOT, startApp } from '../support/test-app';
import { HotPath } from '../../src/core/web/hot-path/hot-path.service';

const FREE_LIMITS = { FREE_TIER_LIMIT: '30/minute,1000/day' };

async function createKey(
  t: FakeBackedApp,
  tier: string,
  name = tier,
): Promise<{ id: number; key: string }> {
  const res = await request(t.running.url)
    .post('/api/auth/keys')
    .set('X-API-Key', ADMIN_KEY)
    .send({ name, tier })
    .expect(201);
  return { id: res.body.id as number, key: res.body.key as string };
}

describe('auth: keys, tokens and tiers', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp(FREE_LIMITS);
  });

  after(async () => {
    await t.stop();
  });

  it('creates a key shown once, stored only as a keyed hash with a display prefix', async () => {
    const { id, key } = await createKey(t, 'pro', 'bot');
    assert.match(key, /^cdt_[\w-]{43}$/);
    const listed = await api().get('/api/auth/keys').set('X-API-Key', ADMIN_KEY).expect(200);
    assert.ok(!JSON.stringify(listed.body).includes(key), 'the key is never shown again');
    const entry = listed.body.data.find((k: { id: number }) => k.id === id);
    assert.deepEqual(
      [entry.prefix, entry.name, entry.tier, entry.revoked],
      [key.slice(0, 12), 'bot', 'pro', false],
    );
    const row = await t.running.app.get(DataSource).getRepository(ApiKey).findOneByOrFail({ id });
    const salt = t.running.config.security.apiKeySalt;
    assert.equal(row.hash, createHmac('sha256', salt).update(key).digest('hex'));
    assert.notEqual(row.hash, createHash('sha256').update(key).digest('hex'));
    assert.notEqual(row.hash, createHmac('sha256', 'another salt').update(key).digest('hex'));
    assert.ok(!JSON.stringify(row).includes(key));
  });

  it('accepts the key as X-API-Key or Bearer, and swaps it for a JWT that works too', async () => {
    const { id, key } = await createKey(t, 'pro');
    const viaHeader = await api().get('/api/auth/me').set('X-API-Key', key).expect(200);
    assert.deepEqual(viaHeader.body, {
      key_id: id,
      tier: 'pro',
      limits: {
        requests: [
          { limit: 300, window_seconds: 60 },
          { limit: 50000, window_seconds: 86400 },
        ],
        max_symbols: 100,
        history_days: 90,
        max_subscriptions: 200,
        max_connections: 50,
      },
      counted_per: 'key',
      about:
        'Identified by your key: counted per key rather than per address; an admin can change ' +
        'its tier (PATCH /api/auth/keys/{id}) without you changing your client.',
    });
    await api().get('/api/auth/me').set('Authorization', `Bearer ${key}`).expect(200);
    const token = await api().post('/api/auth/token').send({ api_key: key }).expect(200);
    assert.equal(token.body.token_type, 'bearer');
    assert.equal(token.body.tier, 'pro');
    assert.equal(token.body.expires_in, 24 * 3600);
    const claims = jwt.decode(token.body.access_token, { complete: true });
    assert.equal(claims?.header.alg, 'HS256');
    const viaJwt = await api()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${token.body.access_token}`)
      .expect(200);
    assert.equal(viaJwt.body.key_id, id);
    const anonymous = await api().get('/api/auth/me').expect(200);
    assert.deepEqual([anonymous.body.key_id, anonymous.body.tier], [null, 'free']);
    await api()
      .post('/api/auth/token')
      .send({ api_key: 'cdt_nope-nope-nope-nope-nope-nope' })
      .expect(401);
    await api().post('/api/auth/token').send({}).expect(400);
  });

  it('answers 401 for missing, malformed, expired, wrongly signed and alg:none tokens', async () => {
    const { id } = await createKey(t, 'admin');
    const secret = t.running.config.security.jwtSecret;
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const tokens = {
      malformed: 'abc.def.ghi',
      expired: jwt.sign({ sub: String(id) }, secret, { algorithm: 'HS256', expiresIn: -10 }),
      wrongSignature: jwt.sign({ sub: String(id) }, 'not the secret at all', {
        algorithm: 'HS256',
      }),
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: String(id) })}.`,
      notAKey: 'hello',
    };
    const missing = await api().get('/api/auth/keys').expect(401);
    assert.match(missing.body.message, /needs a key of the admin tier/);
    for (const [name, token] of Object.entries(tokens)) {
      const res = await api().get('/api/auth/keys').set('Authorization', `Bearer ${token}`);
      assert.equal(res.status, 401, name);
      assert.equal(res.body.statusCode, 401, name);
    }
    const good = jwt.sign({ sub: String(id) }, secret, { algorithm: 'HS256', expiresIn: 60 });
    await api().get('/api/auth/keys').set('Authorization', `Bearer ${good}`).expect(200);
  });

  it('a free key on an admin endpoint is a 403; an admin key passes', async () => {
    const { key } = await createKey(t, 'free');
    const res = await api().get('/api/auth/keys').set('X-API-Key', key).expect(403);
    assert.equal(
      res.body.message,
      "This endpoint needs a key of the admin tier; this key's tier is free",
    );
    await api()
      .patch('/api/providers/kraken')
      .set('X-API-Key', key)
      .send({ priority: 1 })
      .expect(403);
  });

  it('revoking a key stops it and every token issued for it at once; tier changes apply at once', async () => {
    const { id, key } = await createKey(t, 'pro');
    const token = (await api().post('/api/auth/token').send({ api_key: key }).expect(200)).body
      .access_token as string;
    // Both credentials are recognised once here, so the checks below go through that memory.
    await api().get('/api/auth/me').set('X-API-Key', key).expect(200);
    await api().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    const changed = await api()
      .patch(`/api/auth/keys/${id}`)
      .set('X-API-Key', ADMIN_KEY)
      .send({ tier: 'enterprise' })
      .expect(200);
    assert.equal(changed.body.tier, 'enterprise');
    const me = await api().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    assert.equal(me.body.tier, 'enterprise');
    const meByKey = await api().get('/api/auth/me').set('X-API-Key', key).expect(200);
    assert.equal(meByKey.body.tier, 'enterprise');
    await api().delete(`/api/auth/keys/${id}`).set('X-API-Key', ADMIN_KEY).expect(200);
    const byKey = await api().get('/api/auth/me').set('X-API-Key', key).expect(401);
    assert.equal(byKey.body.message, 'Unknown or revoked API key');
    const byToken = await api()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
    assert.equal(byToken.body.message, 'The key this token was issued for is revoked');
    await api()
      .patch('/api/auth/keys/9999')
      .set('X-API-Key', ADMIN_KEY)
      .send({ name: 'x' })
      .expect(404);
    const bad = await api()
      .post('/api/auth/keys')
      .set('X-API-Key', ADMIN_KEY)
      .send({ name: 'x', tier: 'gold' })
      .expect(400);
    assert.equal(bad.body.message, 'tier must be one of free, pro, enterprise, admin');
  });

  it('restoring a revoked key does not bring back the tokens issued before the revocation', async () => {
    const { id, key } = await createKey(t, 'pro');
    const tokenFor = async () =>
      (await api().post('/api/auth/token').send({ api_key: key }).expect(200)).body
        .access_token as string;
    const meWith = (token: string) =>
      api().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    const setRevoked = (revoked: boolean) =>
      api().patch(`/api/auth/keys/${id}`).set('X-API-Key', ADMIN_KEY).send({ revoked }).expect(200);
    const old = await tokenFor();
    await meWith(old).expect(200);
    await setRevoked(true);
    await meWith(old).expect(401);
    const restored = await setRevoked(false);
    assert.equal(restored.body.revoked, false);
    const stale = await meWith(old).expect(401);
    assert.equal(
      stale.body.message,
      'The key this token was issued for was revoked after it was issued; ask for a new token',
    );
    await api().get('/api/auth/me').set('X-API-Key', key).expect(200);
    const fresh = await tokenFor();
    assert.equal((await meWith(fresh).expect(200)).body.key_id, id);
    // Revoking an already revoked key is no new revocation: the fresh token survives a restore.
    await setRevoked(true);
    await api().delete(`/api/auth/keys/${id}`).set('X-API-Key', ADMIN_KEY).expect(200);
    await setRevoked(false);
    await meWith(fresh).expect(401);
    await meWith(await tokenFor()).expect(200);
  });

  it('tier depth: more symbols or deeper history than the tier allows is a 403 naming the tier that lifts it', async () => {
    const symbols = await api().get('/api/prices?symbols=BTC,ETH,SOL,XRP,ADA,DOGE').expect(403);
    assert.equal(
      symbols.body.message,
      'The free tier allows 5 symbols per request (asked for 6); the pro tier allows 100',
    );
    const history = await api().get('/api/prices/history/BTC?days=30').expect(403);
    assert.equal(
      history.body.message,
      'The free tier allows 7 days of history (asked for 30); the pro tier allows 90',
    );
    const { key } = await createKey(t, 'pro');
    await api()
      .get('/api/prices?symbols=BTC,ETH,SOL,XRP,ADA,DOGE')
      .set('X-API-Key', key)
      .expect(200);
  });

  it('tier depth: candles, Fear & Greed days and DeFi history are held to the history depth too', async () => {
    const deep = [
      ['/api/ohlcv?symbol=BTC&interval=1d&limit=30', 30],
      ['/api/ohlcv?symbol=BTC&interval=1h&limit=169', 8],
      ['/api/sentiment/fear-greed?limit=30', 30],
      ['/api/defi/tvl-chart?days=30', 30],
      ['/api/defi/protocols/aave-v3?days=30', 30],
      ['/api/sentiment/history?days=30', 30],
    ] as const;
    for (const [path, days] of deep) {
      const res = await api().get(path).expect(403);
      assert.deepEqual(
        [res.body.statusCode, res.body.error, res.body.message],
        [
          403,
          'Forbidden',
          `The free tier allows 7 days of history (asked for ${days}); the pro tier allows 90`,
        ],
        path,
      );
    }
    await api().get('/api/ohlcv?symbol=BTC&interval=1h&limit=168').expect(200);
    await api().get('/api/sentiment/fear-greed').expect(200);
    await api().get('/api/defi/protocols/aave-v3').expect(200);
    await api().get('/api/sentiment/history').expect(200);
    const { key } = await createKey(t, 'pro');
    await api().get('/api/ohlcv?symbol=BTC&interval=1d&limit=30').set('X-API-Key', key).expect(200);
    await api().get('/api/sentiment/fear-greed?limit=30').set('X-API-Key', key).expect(200);
    await api().get('/api/sentiment/history?days=30').set('X-API-Key', key).expect(200);
  });

  it('tier depth: a default reaches as deep as the tier allows, never further (no 403 for asking nothing)', async () => {
    const DAY_MS = 86_400_000;
    const history = await api().get('/api/prices/history/BTC').expect(200);
    const span = Date.parse(history.body.meta.to) - Date.parse(history.body.meta.from);
    assert.equal(span, 7 * DAY_MS);
    const daily = await api().get('/api/ohlcv?symbol=BTC&interval=1d').expect(200);
    assert.equal(daily.body.data.length, 7);
    const weekly = await api().get('/api/ohlcv?symbol=BTC&interval=1w').expect(200);
    assert.equal(weekly.body.data.length, 1);
    const hourly = await api().get('/api/ohlcv?symbol=BTC&interval=1h').expect(200);
    assert.equal(hourly.body.data.length, 100);
    const chart = await api().get('/api/defi/tvl-chart').expect(200);
    assert.equal(chart.body.meta.points, 7);
    const { key } = await createKey(t, 'pro');
    const pro = await api().get('/api/defi/tvl-chart').set('X-API-Key', key).expect(200);
    assert.equal(pro.body.meta.points, 30);
    const proDaily = await api().get('/api/ohlcv?symbol=BTC&interval=1d').set('X-API-Key', key);
    assert.equal(proDaily.body.data.length, 90);
  });

  it('writes the request log and last use off the request path', async () => {
    const { id, key } = await createKey(t, 'pro', 'logged');
    await api().get('/api/auth/me').set('X-API-Key', key).expect(200);
    await api().get('/api/news?limit=1').set('X-API-Key', key).expect(200);
    await t.running.app.get(RequestLogService).flush();
    await t.running.app.get(ApiKeyService).flushUsage();
    const dataSource = t.running.app.get(DataSource);
    const rows = await dataSource.getRepository(UserRequest).findBy({ apiKeyId: id });
    assert.deepEqual(
      rows.map((r) => [r.endpoint, r.status, r.ipAddress]),
      [
        ['GET /api/auth/me', 200, '127.0.0.1'],
        ['GET /api/news', 200, '127.0.0.1'],
      ],
    );
    const record = await dataSource.getRepository(ApiKey).findOneByOrFail({ id });
    assert.ok(record.lastUsedAt && Date.now() - record.lastUsedAt.getTime() < 60_000);
  });
});

describe('auth: rate limits by tier', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp(FREE_LIMITS);
  });

  after(async () => {
    await t.stop();
  });

  it('a free caller gets 30 requests a minute across endpoints, hot path included, then a 429', async () => {
    const hotHits = t.running.app.get(HotPath).hits;
    const remaining: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const path = i % 2 === 0 ? '/api/auth/me' : '/api/prices?symbols=BTC';
      const res = await api().get(path).expect(200);
      assert.equal(res.headers['x-ratelimit-limit'], '30');
      remaining.push(Number(res.headers['x-ratelimit-remaining']));
      assert.ok(Number(res.headers['x-ratelimit-reset']) <= 60);
    }
    assert.deepEqual(
      remaining,
      Array.from({ length: 30 }, (_, i) => 29 - i),
    );
    assert.ok(t.running.app.get(HotPath).hits > hotHits, 'some answers were replayed');
    const limited = await api().get('/api/prices?symbols=BTC').expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 60, String(retryAfter));
    assert.deepEqual(
      [limited.body.statusCode, limited.body.error, limited.body.retry_after],
      [429, 'Rate limit exceeded', retryAfter],
    );
    assert.equal(typeof limited.body.requestId, 'string');
    await api().get('/api/health/live').expect(200);
  });

  it('a pro key gets 300, counted apart from anonymous callers', async () => {
    const { key } = await createKey(t, 'pro');
    for (let i = 0; i < 300; i += 1) {
      const res = await api().get('/api/auth/me').set('X-API-Key', key);
      assert.equal(res.status, 200, `request ${i + 1}`);
    }
    const limited = await api().get('/api/auth/me').set('X-API-Key', key).expect(429);
    assert.equal(limited.headers['x-ratelimit-limit'], '300');
  });

  it('an enterprise key is not limited', async () => {
    const { key } = await createKey(t, 'enterprise');
    for (let i = 0; i < 350; i += 1) {
      const res = await api().get('/api/auth/me').set('X-API-Key', key);
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-ratelimit-limit'], undefined);
    }
  });

  it('tells anonymous callers apart by X-Forwarded-For only when trust proxy is set', async () => {
    // Without TRUST_PROXY, the forwarded address is ignored: this caller is already limited.
    await api().get('/api/auth/me').set('X-Forwarded-For', '203.0.113.7').expect(429);
    const proxied = await startFakeBackedApp({ ...FREE_LIMITS, TRUST_PROXY: '1' });
    try {
      for (let i = 0; i < 30; i += 1) {
        await request(proxied.running.url)
          .get('/api/auth/me')
          .set('X-Forwarded-For', '203.0.113.7')
          .expect(200);
      }
      await request(proxied.running.url)
        .get('/api/auth/me')
        .set('X-Forwarded-For', '203.0.113.7')
        .expect(429);
      await request(proxied.running.url)
        .get('/api/auth/me')
        .set('X-Forwarded-For', '203.0.113.8')
        .expect(200);
    } finally {
      await proxied.stop();
    }
  });
});

describe('auth: refused credentials and refusals by tier', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const from = (ip: string) => ({ 'X-Forwarded-For': ip });
  const randomKey = () => `cdt_${randomBytes(32).toString('base64url')}`;

  before(async () => {
    t = await startFakeBackedApp({ ...FREE_LIMITS, TRUST_PROXY: '1' });
  });

  after(async () => {
    await t.stop();
  });

  it('an address gets 30 refused credentials a minute, then 429s without a lookup; keys in use keep working', async () => {
    const attacker = '198.51.100.7';
    const inUse = await createKey(t, 'pro');
    const newToServer = await createKey(t, 'pro');
    await api().get('/api/auth/me').set(from(attacker)).set('X-API-Key', inUse.key).expect(200);
    const guesses = [
      randomKey,
      () => 'not-the-admin-key-0123456789abcdef',
      () => jwt.sign({ sub: String(inUse.id) }, 'not the secret at all', { algorithm: 'HS256' }),
    ];
    for (let i = 0; i < 30; i += 1) {
      // Hot-path GETs and framework routes count once each, against the same budget.
      const path = i % 2 === 0 ? '/api/auth/me' : '/api/prices?symbols=BTC';
      const res = await api()
        .get(path)
        .set(from(attacker))
        .set('Authorization', `Bearer ${guesses[i % 3]()}`)
        .expect(401);
      assert.deepEqual(
        [res.headers['x-ratelimit-limit'], res.headers['x-ratelimit-remaining']],
        ['30', String(29 - i)],
        `guess ${i + 1}`,
      );
      assert.ok(Number(res.headers['x-ratelimit-reset']) <= 60);
    }
    const keys = t.running.app.get(ApiKeyService);
    const findByHash = keys.findByHash.bind(keys);
    let lookups = 0;
    keys.findByHash = (hash) => {
      lookups += 1;
      return findByHash(hash);
    };
    try {
      const limited = await api()
        .get('/api/auth/me')
        .set(from(attacker))
        .set('X-API-Key', randomKey())
        .expect(429);
      const retryAfter = Number(limited.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 60, String(retryAfter));
      assert.deepEqual(
        [limited.body.error, limited.body.retry_after, limited.headers['x-ratelimit-remaining']],
        ['Rate limit exceeded', retryAfter, '0'],
      );
      assert.match(limited.body.message, /Too many invalid credentials from this address/);
      await api()
        .post('/api/auth/token')
        .set(from(attacker))
        .send({ api_key: randomKey() })
        .expect(429);
      // A key new to the server cannot be told from a guess without the lookup: it waits too.
      await api()
        .get('/api/auth/me')
        .set(from(attacker))
        .set('X-API-Key', newToServer.key)
        .expect(429);
      assert.equal(lookups, 0, 'no key was looked up for the refused address');
    } finally {
      keys.findByHash = findByHash;
    }
    // A key the server accepted lately, anonymous requests and other addresses still work.
    await api().get('/api/auth/me').set(from(attacker)).set('X-API-Key', inUse.key).expect(200);
    await api().get('/api/auth/me').set(from(attacker)).expect(200);
    await api()
      .get('/api/auth/me')
      .set(from('198.51.100.8'))
      .set('X-API-Key', newToServer.key)
      .expect(200);
  });

  it('counts anonymous IPv6 callers by their /64', async () => {
    for (let i = 1; i <= 30; i += 1) {
      await api()
        .get('/api/auth/me')
        .set(from(`2001:db8:0:1::${i.toString(16)}`))
        .expect(200);
    }
    await api().get('/api/auth/me').set(from('2001:db8:0:1:ffff::1')).expect(429);
    await api().get('/api/auth/me').set(from('2001:db8:0:2::1')).expect(200);
  });

  it('a tier refusal (401 without a key, 403 with a lower one) and a 404 are counted, with the headers', async () => {
    const ip = '198.51.100.20';
    const anonymous = await api().get('/api/auth/keys').set(from(ip)).expect(401);
    assert.deepEqual(
      [anonymous.headers['x-ratelimit-limit'], anonymous.headers['x-ratelimit-remaining']],
      ['30', '29'],
    );
    const missing = await api().get('/api/news/999999').set(from(ip)).expect(404);
    assert.equal(missing.headers['x-ratelimit-remaining'], '28');
    const { key } = await createKey(t, 'free');
    const below = await api().get('/api/auth/keys').set(from(ip)).set('X-API-Key', key).expect(403);
    assert.deepEqual(
      [below.headers['x-ratelimit-limit'], below.headers['x-ratelimit-remaining']],
      ['30', '29'],
    );
  });
});

describe('auth: rotating ADMIN_API_KEY', () => {
  let t: FakeBackedApp;

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it('tokens issued for the old ADMIN_API_KEY stop working; a restart with the same key keeps them', async () => {
    const tokenFor = async (apiKey: string) =>
      (await request(t.running.url).post('/api/auth/token').send({ api_key: apiKey }).expect(200))
        .body.access_token as string;
    const keysWith = (token: string) =>
      request(t.running.url).get('/api/auth/keys').set('Authorization', `Bearer ${token}`);
    const old = await tokenFor(ADMIN_KEY);
    await keysWith(old).expect(200);
    await t.restart();
    await keysWith(old).expect(200);

    const rotated = 'rotated-admin-key-0123456789abcdef0123';
    await t.running.close();
    t.running = await startApp(t.environment, { ADMIN_API_KEY: rotated });
    const refused = await keysWith(old).expect(401);
    assert.equal(refused.body.message, 'Invalid or expired token');
    await keysWith(await tokenFor(rotated)).expect(200);
  });
});

describe('auth: refused requests', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp({ FREE_TIER_LIMIT: '3/second,5/day', PRO_TIER_LIMIT: '3/minute' });
  });

  after(async () => {
    await t.stop();
  });

  it('a request refused by one window does not count against the others', async () => {
    for (let i = 0; i < 3; i += 1) {
      await api().get('/api/auth/me').expect(200);
    }
    for (let i = 0; i < 2; i += 1) {
      const limited = await api().get('/api/auth/me').expect(429);
      assert.equal(limited.headers['x-ratelimit-limit'], '3');
      assert.equal(limited.headers['retry-after'], '1');
    }
    await sleep(1_100);
    const next = await api().get('/api/auth/me').expect(200);
    assert.deepEqual(
      [next.headers['x-ratelimit-limit'], next.headers['x-ratelimit-remaining']],
      ['5', '1'],
      'the day window counted only the four accepted requests',
    );
  });

  it('Retry-After is the time left in the window, the same as X-RateLimit-Reset', async () => {
    const { key } = await createKey(t, 'pro');
    await api().get('/api/auth/me').set('X-API-Key', key).expect(200);
    await sleep(1_500);
    await api().get('/api/auth/me').set('X-API-Key', key).expect(200);
    const last = await api().get('/api/auth/me').set('X-API-Key', key).expect(200);
    const reset = Number(last.headers['x-ratelimit-reset']);
    const limited = await api().get('/api/auth/me').set('X-API-Key', key).expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= reset && reset <= 59, `${retryAfter} ${reset}`);
    assert.equal(limited.headers['x-ratelimit-reset'], String(retryAfter));
    assert.equal(limited.body.retry_after, retryAfter);
  });
});

describe('auth: day limits and the apikey CLI', () => {
  let t: FakeBackedApp;
  let configDir: string;

  before(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'cdt-tiers-'));
    cpSync(join(REPO_ROOT, 'config'), configDir, { recursive: true });
    writeFileSync(
      join(configDir, 'tiers.json'),
      JSON.stringify({
        ...JSON.parse(readFileSync(join(REPO_ROOT, 'config', 'tiers.json'), 'utf8')),
        free: {
          limits: ['100/minute', '3/day'],
          maxSymbols: 5,
          historyDays: 7,
          maxSubscriptions: 10,
          maxConnections: 5,
        },
      }),
    );
    t = await startFakeBackedApp({ CONFIG_DIR: configDir, FREE_TIER_LIMIT: '100/minute' });
  });

  after(async () => {
    await t.stop();
  });

  it('the day window limits like the minute window, with its own Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await request(t.running.url).get('/api/auth/me').expect(200);
      assert.equal(res.headers['x-ratelimit-limit'], '3', 'the tighter window is reported');
      assert.equal(res.body.counted_per, 'address');
      assert.match(res.body.about, /counted per key, wherever you call from/);
    }
    const limited = await request(t.running.url).get('/api/auth/me').expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter > 86_000 && retryAfter <= 86_400, String(retryAfter));
  });

  it('npm run apikey creates, lists and revokes keys in the configured database', async () => {
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [join(REPO_ROOT, 'dist-test/src/cli/apikey.js'), ...args], {
        env: { ...process.env, ...t.environment.env, CONFIG_DIR: configDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
    const created = cli('create', '--tier', 'pro', '--name', 'from cli');
    const key = /^(cdt_\S+)$/m.exec(created)?.[1];
    assert.ok(key, created);
    const me = await request(t.running.url).get('/api/auth/me').set('X-API-Key', key).expect(200);
    assert.equal(me.body.tier, 'pro');
    assert.equal(me.body.counted_per, 'key');
    assert.match(me.body.about, /counted per key rather than per address/);
    const id = String(me.body.key_id);
    assert.match(
      cli('list'),
      new RegExp(`^${id}\\t${key.slice(0, 12)}…\\tpro\\tfrom cli\\tactive`, 'm'),
    );
    assert.match(cli('revoke', id), /^Revoked key/);
    assert.throws(() => cli('create', '--tier', 'gold', '--name', 'x'), /Usage/);
  });
});
