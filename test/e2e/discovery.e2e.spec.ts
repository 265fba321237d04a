import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { configWithCatalogue } from '../support/config-dir';

interface Result {
  name: string;
  status: string;
  reason: string | null;
  latency_ms: number | null;
}

const entry = (
  name: string,
  baseUrl: string,
  probePath: string,
  expect: object,
  needsKey = false,
) => ({
  name,
  category: 'prices',
  baseUrl,
  probePath,
  expect,
  needsKey,
});

async function runDiscovery(t: FakeBackedApp): Promise<Map<string, Result>> {
  const run = await request(t.running.url)
    .post('/api/discovery/run?background=false')
    .set('X-API-Key', ADMIN_KEY)
    .expect(200);
  assert.equal(run.body.state, 'finished');
  const results = await request(t.running.url)
    .get('/api/discovery/results')
    .set('X-API-Key', ADMIN_KEY)
    .expect(200);
  return new Map((results.body.data as Result[]).map((r) => [r.name, r]));
}

describe('provider discovery', () => {
  let catalogueServer: Server;
  let t: FakeBackedApp;

  before(async () => {
    // A remote catalogue, and a redirect into the cloud metadata address.
    let fakeBase = '';
    catalogueServer = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        return;
      }
      const catalogue = [
        entry('fake-gecko', `${fakeBase}/coingecko/api/v3`, '/ping', {
          type: 'object',
          keys: ['gecko_says'],
        }),
        entry('fake-chains', `${fakeBase}/defillama`, '/v2/chains', { type: 'array' }),
        entry('wrong-type', `${fakeBase}/coingecko/api/v3`, '/ping', { type: 'array' }),
        entry('missing-keys', `${fakeBase}/coingecko/api/v3`, '/ping', {
          type: 'object',
          keys: ['price'],
        }),
        entry('not-json', `${fakeBase}/rss`, '/coindesk', { type: 'object' }),
        entry('gone', `${fakeBase}/coingecko/api/v3`, '/nothing-here', { type: 'object' }),
        entry('keyed', 'https://pro.example.com', '/v1/quotes', { type: 'object' }, true),
        entry('private-net', 'http://10.0.0.1', '/x', { type: 'object' }),
        entry('metadata', 'http://169.254.169.254', '/latest/meta-data/', { type: 'object' }),
        entry('ipv6-loopback', 'http://[::1]:9', '/x', { type: 'object' }),
        entry('file-scheme', 'file:///etc', '/passwd', { type: 'object' }),
        entry(
          'redirected',
          `http://127.0.0.1:${(catalogueServer.address() as AddressInfo).port}`,
          '/redirect',
          {
            type: 'object',
          },
        ),
      ];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(catalogue));
    });
    await new Promise<void>((resolve) => catalogueServer.listen(0, '127.0.0.1', resolve));
    const catalogueUrl = `http://127.0.0.1:${(catalogueServer.address() as AddressInfo).port}/catalogue.json`;
    t = await startFakeBackedApp((fake) => {
      fakeBase = fake.baseUrl;
      return {
        CONFIG_DIR: configWithCatalogue([]),
        DISCOVERY_CATALOGUE_URLS: catalogueUrl,
        // The opt-in: the fake upstream and the catalogue server live on 127.0.0.1.
        DISCOVERY_ALLOW_ADDRESSES: '127.0.0.1',
      };
    });
  });

  after(async () => {
    await t.stop();
    catalogueServer.close();
  });

  it('validates the good entries and rejects the bad ones with reasons', async () => {
    await request(t.running.url)
      .get('/api/discovery/status')
      .set('X-API-Key', ADMIN_KEY)
      .expect(404);
    const results = await runDiscovery(t);
    const outcome = (name: string) => [results.get(name)?.status, results.get(name)?.reason];
    assert.deepEqual(outcome('fake-gecko'), ['validated', null]);
    assert.deepEqual(outcome('fake-chains'), ['validated', null]);
    assert.ok((results.get('fake-gecko')?.latency_ms ?? -1) >= 0);
    assert.deepEqual(outcome('wrong-type'), ['rejected', 'expected a JSON array, got object']);
    assert.deepEqual(outcome('missing-keys'), ['rejected', 'missing keys: price']);
    assert.deepEqual(outcome('not-json'), ['rejected', 'the answer is not JSON']);
    assert.deepEqual(outcome('gone'), ['rejected', 'HTTP 404']);
    assert.deepEqual(outcome('keyed'), ['discovered', 'needs an API key; not probed']);
    assert.deepEqual(outcome('private-net'), [
      'rejected',
      '10.0.0.1 resolves to 10.0.0.1, which is not a public address',
    ]);
    assert.deepEqual(outcome('metadata'), [
      'rejected',
      '169.254.169.254 resolves to 169.254.169.254, which is not a public address',
    ]);
    assert.deepEqual(outcome('ipv6-loopback'), [
      'rejected',
      '::1 resolves to ::1, which is not a public address',
    ]);
    assert.deepEqual(outcome('file-scheme'), ['rejected', 'scheme file: is not allowed']);
    assert.deepEqual(outcome('redirected'), [
      'rejected',
      '169.254.169.254 resolves to 169.254.169.254, which is not a public address',
    ]);
    const status = await request(t.running.url)
      .get('/api/discovery/status')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    assert.deepEqual(
      [status.body.candidates, status.body.discovered, status.body.validated, status.body.rejected],
      [12, 1, 2, 9],
    );
  });

  it('never reaches loopback without the opt-in', async () => {
    const fakeBase = t.fake.baseUrl;
    const strict = await startFakeBackedApp({
      CONFIG_DIR: configWithCatalogue([
        entry('loopback', `${fakeBase}/coingecko/api/v3`, '/ping', { type: 'object' }),
        entry(
          'localhost-name',
          fakeBase.replace('127.0.0.1', 'localhost') + '/coingecko/api/v3',
          '/ping',
          { type: 'object' },
        ),
      ]),
    });
    try {
      const results = await runDiscovery(strict);
      assert.equal(
        results.get('loopback')?.reason,
        '127.0.0.1 resolves to 127.0.0.1, which is not a public address',
      );
      assert.match(
        results.get('localhost-name')?.reason ?? '',
        /^localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/,
      );
    } finally {
      await strict.stop();
    }
  });
});
