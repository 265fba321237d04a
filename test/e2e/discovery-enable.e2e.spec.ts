import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { configWithCatalogue } from '../support/config-dir';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

const QUOTES: Record<string, object> = {
  '/quote/BTC-USD': { data: { amount: '65000.5', vol: '1234.5' } },
  '/quote/ETH-USD': { data: { amount: '3500.25', vol: '99' } },
  '/quote/SOL-USD': { data: { amount: 'n/a' } },
};
const TWENTY = ['BTC', 'SOL', 'ETH', 'XRP', 'BNB', 'USDC', 'DOGE', 'TRX', 'ADA', 'LINK'].concat([
  'AVAX',
  'XLM',
  'SUI',
  'BCH',
  'HBAR',
  'LTC',
  'DOT',
  'TON',
  'SHIB',
  'UNI',
]);
let quoteRequests = 0;
let failing = false;
const PRICE_PROVIDERS = [
  'coingecko',
  'binance',
  'kraken',
  'coinbase',
  'coincap',
  'cryptocompare',
  'coinpaprika',
  'coinlore',
];

/** An exchange-like API the catalogue describes: one quote per coin at /quote/<SYMBOL>-USD. */
function exchange(): Promise<Server> {
  const server = createServer((req, res) => {
    quoteRequests += 1;
    const body = failing ? undefined : QUOTES[req.url ?? ''];
    res.writeHead(failing ? 503 : body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'unknown pair' }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('enabling a discovered provider into the prices pool', () => {
  let server: Server;
  let t: FakeBackedApp;
  const admin = (path: string) => request(t.running.url).post(path).set('X-API-Key', ADMIN_KEY);

  before(async () => {
    server = await exchange();
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const candidate = (name: string, extra: object) => ({
      name,
      category: 'prices',
      baseUrl: base,
      probePath: '/quote/BTC-USD',
      expect: { type: 'object', keys: ['data'] },
      needsKey: false,
      ...extra,
    });
    const quote = { path: '/quote/{SYMBOL}-USD', price: 'data.amount', volume24h: 'data.vol' };
    t = await startFakeBackedApp({
      CONFIG_DIR: configWithCatalogue([
        candidate('fake-exchange', { quote }),
        candidate('no-quote', {}),
        candidate('wrong-path', { quote: { ...quote, price: 'data.nothing' } }),
        candidate('broken', { probePath: '/missing', quote }),
      ]),
      DISCOVERY_ALLOW_ADDRESSES: '127.0.0.1',
    });
    await admin('/api/discovery/run?background=false').expect(200);
  });

  after(async () => {
    await t.stop();
    server.close();
  });

  it('refuses what cannot serve, with the reason', async () => {
    await request(t.running.url).post('/api/discovery/results/fake-exchange/enable').expect(401);
    const refused: [string, number, RegExp][] = [
      ['broken', 409, /broken was rejected \(HTTP 404\)/],
      ['no-quote', 409, /no quote endpoint/],
      ['wrong-path', 422, /wrong-path did not quote BTC: no price at "data.nothing"/],
      ['nobody', 404, /No discovered provider "nobody"/],
    ];
    for (const [name, status, message] of refused) {
      const { body } = await admin(`/api/discovery/results/${name}/enable`).send({}).expect(status);
      assert.match(body.message, message);
    }
  });

  it('checks the pool before anything changes', async () => {
    const pools = (await request(t.running.url).get('/api/pools').expect(200)).body.data as {
      id: number;
      category: string;
    }[];
    const news = pools.find((p) => p.category === 'news');
    const { body } = await admin('/api/discovery/results/fake-exchange/enable')
      .send({ pool_id: news?.id })
      .expect(400);
    assert.match(body.message, /serves news, not prices/);
    await admin('/api/discovery/results/fake-exchange/enable').send({ pool_id: 9999 }).expect(404);
    const providers = (await request(t.running.url).get('/api/providers').expect(200)).body
      .data as { id: string }[];
    assert.equal(
      providers.some((p) => p.id === 'fake-exchange'),
      false,
    );
  });

  it('enables a validated one after a live quote and serves prices through it on failover', async () => {
    const { body } = await admin('/api/discovery/results/fake-exchange/enable')
      .send({})
      .expect(200);
    assert.equal(body.provider.enabled, true);
    assert.equal(body.provider.quotes, true);
    assert.equal(body.pool.name, 'prices');
    assert.equal(body.pool.members.at(-1), 'fake-exchange');
    for (const provider of PRICE_PROVIDERS) {
      t.fake.inject(provider, { type: 'reset' });
    }
    const prices = (await request(t.running.url).get('/api/prices?symbols=BTC,ETH').expect(200))
      .body;
    assert.equal(prices.meta.provider, 'fake-exchange');
    const bySymbol = Object.fromEntries(prices.data.map((q: { symbol: string }) => [q.symbol, q]));
    assert.equal(bySymbol.BTC.price, 65000.5);
    assert.equal(bySymbol.BTC.volume_24h, 1234.5);
    assert.equal(bySymbol.ETH.price, 3500.25);
  });

  it('quotes at most 10 coins a call; a coin without a price is missing, not a failure', async () => {
    const before = quoteRequests;
    const prices = (
      await request(t.running.url)
        .get(`/api/prices?symbols=${TWENTY.join(',')}`)
        .set('X-API-Key', ADMIN_KEY)
        .expect(200)
    ).body;
    assert.equal(prices.meta.provider, 'fake-exchange');
    assert.deepEqual(
      prices.data.map((q: { symbol: string; price: number }) => [q.symbol, q.price]),
      [
        ['BTC', 65000.5],
        ['ETH', 3500.25],
      ],
    );
    assert.equal(prices.meta.missing.length, 18);
    assert.ok(prices.meta.missing.includes('SOL'));
    assert.equal(quoteRequests - before, 10);
  });

  it('a discovery re-run leaves an enabled provider enabled, even when its probe fails', async () => {
    failing = true;
    try {
      await admin('/api/discovery/run?background=false').expect(200);
    } finally {
      failing = false;
    }
    const results = (
      await request(t.running.url)
        .get('/api/discovery/results')
        .set('X-API-Key', ADMIN_KEY)
        .expect(200)
    ).body.data as { name: string; status: string; enabled: boolean; quotes: boolean }[];
    const row = results.find((r) => r.name === 'fake-exchange');
    assert.deepEqual([row?.status, row?.enabled, row?.quotes], ['rejected', true, true]);
  });

  it('comes back enabled after a restart', async () => {
    await t.restart();
    const providers = (await request(t.running.url).get('/api/providers').expect(200)).body
      .data as { id: string; enabled: boolean }[];
    assert.equal(providers.find((p) => p.id === 'fake-exchange')?.enabled, true);
    const prices = (await request(t.running.url).get('/api/prices?symbols=ETH').expect(200)).body;
    assert.equal(prices.meta.provider, 'fake-exchange');
    assert.equal(prices.data[0].price, 3500.25);
  });
});

describe('an enabled discovered provider when a remote catalogue moves it', () => {
  const servers: Server[] = [];
  const hits = { approved: 0, elsewhere: 0 };
  let catalogue: object[] = [];
  let t: FakeBackedApp;
  const admin = (path: string) => request(t.running.url).post(path).set('X-API-Key', ADMIN_KEY);
  const listen = async (handler: (url: string) => object | undefined) => {
    const server = createServer((req, res) => {
      const body = handler(req.url ?? '');
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not found' }));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const entry = (baseUrl: string) => ({
    name: 'moving-exchange',
    category: 'prices',
    baseUrl,
    probePath: '/quote/BTC-USD',
    expect: { type: 'object', keys: ['data'] },
    needsKey: false,
    quote: { path: '/quote/{SYMBOL}-USD', price: 'data.amount' },
  });
  const results = async () =>
    (
      await request(t.running.url)
        .get('/api/discovery/results')
        .set('X-API-Key', ADMIN_KEY)
        .expect(200)
    ).body.data as { name: string; base_url: string; enabled: boolean }[];

  before(async () => {
    const approved = await listen((url) => {
      hits.approved += 1;
      return QUOTES[url];
    });
    const elsewhere = await listen(() => {
      hits.elsewhere += 1;
      return { data: { amount: '1' } };
    });
    const catalogues = await listen(() => catalogue);
    catalogue = [entry(approved)];
    t = await startFakeBackedApp({
      CONFIG_DIR: configWithCatalogue([]),
      DISCOVERY_CATALOGUE_URLS: `${catalogues}/catalogue.json`,
      DISCOVERY_ALLOW_ADDRESSES: '127.0.0.1',
    });
    await admin('/api/discovery/run?background=false').expect(200);
    await admin('/api/discovery/results/moving-exchange/enable').send({}).expect(200);
    catalogue = [entry(elsewhere)];
  });

  after(async () => {
    await t.stop();
    for (const server of servers) {
      server.close();
    }
  });

  it('keeps the approved base URL across re-runs and restarts, and never calls the new one', async () => {
    const approvedUrl = (await results()).find((r) => r.name === 'moving-exchange')?.base_url;
    await admin('/api/discovery/run?background=false').expect(200);
    const row = (await results()).find((r) => r.name === 'moving-exchange');
    assert.deepEqual([row?.base_url, row?.enabled], [approvedUrl, true]);

    await t.restart();
    for (const provider of PRICE_PROVIDERS) {
      t.fake.inject(provider, { type: 'reset' });
    }
    const prices = (await request(t.running.url).get('/api/prices?symbols=ETH').expect(200)).body;
    assert.equal(prices.meta.provider, 'moving-exchange');
    assert.equal(prices.data[0].price, 3500.25);
    assert.equal(hits.elsewhere, 0);
  });
});
