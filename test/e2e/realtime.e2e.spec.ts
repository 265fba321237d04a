import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { JobScheduler } from '../../src/core/jobs';
import { HttpMetrics } from '../../src/core/metrics/http-metrics';
import { ProviderDirectory } from '../../src/providers/provider.directory';
import { PriceFeed } from '../../src/realtime/feed/price-feed.service';
import type { StatsEvent } from '../../src/realtime/realtime-events.types';
import { RealtimePublisher } from '../../src/core/realtime/realtime.publisher';
import { rawText } from '../../src/realtime/raw-text';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { connected, until } from '../support/waiting';

interface Price {
  symbol: string;
  price: number;
  provider: string;
  ts: number;
  time: string;
}

/** The next event of a name that passes the test, or a failure after the timeout. */
function next<T>(
  socket: Socket,
  event: string,
  test: (data: T) => boolean,
  timeoutMs = 3000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (data: T) => {
      if (test(data)) {
        clearTimeout(timer);
        socket.off(event, handler);
        resolve(data);
      }
    };
    socket.on(event, handler);
  });
}

describe('real-time prices over Socket.IO and /ws', () => {
  let t: FakeBackedApp;
  const sockets: Socket[] = [];
  const connect = async (token?: string): Promise<Socket> => {
    const socket = io(t.running.url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnection: false,
    });
    sockets.push(socket);
    await connected(socket);
    return socket;
  };

  before(async () => {
    t = await startFakeBackedApp({ REALTIME_THROTTLE_MS: '200', REALTIME_POLL_SECONDS: '1' });
  });

  after(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.stop();
  });

  it('subscribe: an ack naming rejected channels, a snapshot, then the streamed tick within 1 s', async () => {
    const socket = await connect();
    const first = next<Price>(socket, 'price', (p) => p.symbol === 'BTC');
    const ack = await socket.emitWithAck('subscribe', {
      channels: ['prices:btc', 'weather', 'prices:ZZZ'],
    });
    const unknownChannel =
      'unknown channel; use prices:<SYMBOL>, market, news, sentiment, providers, stats';
    assert.deepEqual(ack, {
      ok: true,
      subscribed: ['prices:BTC'],
      rejected: [
        { channel: 'weather', reason: unknownChannel },
        { channel: 'prices:ZZZ', reason: 'unknown symbol ZZZ' },
      ],
      results: [
        { channel: 'prices:BTC', ok: true },
        { channel: 'weather', ok: false, reason: unknownChannel },
        { channel: 'prices:ZZZ', ok: false, reason: 'unknown symbol ZZZ' },
      ],
    });
    const snapshot = await first;
    assert.equal(typeof snapshot.price, 'number');
    await until(() => t.fake.binanceStream.subscribedStreams().includes('btcusdt@miniTicker'));
    await until(() => t.running.app.get(PriceFeed).streaming);
    const streamed = next<Price>(socket, 'price', (p) => p.price === 12345.67);
    const pushedAt = t.fake.binanceStream.pushTicker('BTCUSDT', 12345.67);
    const tick = await streamed;
    assert.ok(Date.now() - pushedAt < 1000, `${Date.now() - pushedAt} ms`);
    assert.deepEqual(
      [tick.symbol, tick.provider, tick.ts, tick.time],
      ['BTC', 'binance', pushedAt, new Date(pushedAt).toISOString()],
    );

    const unsubscribed = await socket.emitWithAck('unsubscribe', { channels: ['prices:BTC'] });
    assert.deepEqual(unsubscribed.subscribed, []);
    let more = 0;
    socket.on('price', () => (more += 1));
    await sleep(250);
    t.fake.binanceStream.pushTicker('BTCUSDT', 1);
    await sleep(300);
    assert.equal(more, 0, 'no prices after unsubscribing');
    socket.disconnect();
  });

  it('prices:<CoinGecko id> and lower-case tickers join the ticker’s channel, and leave it by any name', async () => {
    const socket = await connect();
    const ack = await socket.emitWithAck('subscribe', {
      channels: ['prices:bitcoin', 'prices:eth', 'prices:btc'],
    });
    assert.deepEqual(ack, {
      ok: true,
      subscribed: ['prices:BTC', 'prices:ETH'],
      rejected: [],
      results: [
        { channel: 'prices:BTC', ok: true },
        { channel: 'prices:ETH', ok: true },
        { channel: 'prices:BTC', ok: true },
      ],
    });
    const streams = ['btcusdt@miniTicker', 'ethusdt@miniTicker'];
    await until(() => streams.every((s) => t.fake.binanceStream.subscribedStreams().includes(s)));
    await until(() => t.running.app.get(PriceFeed).streaming);
    const btc = next<Price>(socket, 'price', (p) => p.price === 11111.5);
    const eth = next<Price>(socket, 'price', (p) => p.price === 2222.5);
    t.fake.binanceStream.pushTicker('BTCUSDT', 11111.5);
    t.fake.binanceStream.pushTicker('ETHUSDT', 2222.5);
    assert.equal((await btc).symbol, 'BTC');
    assert.equal((await eth).symbol, 'ETH');

    const left = await socket.emitWithAck('unsubscribe', { channels: ['prices:btc', 'market'] });
    assert.deepEqual(left, {
      ok: true,
      subscribed: ['prices:ETH'],
      rejected: [{ channel: 'market', reason: 'not subscribed' }],
      unsubscribed: ['prices:BTC'],
      results: [
        { channel: 'prices:BTC', ok: true },
        { channel: 'market', ok: false, reason: 'not subscribed' },
      ],
    });
    const btcAfter: Price[] = [];
    socket.on('price', (p: Price) => p.symbol === 'BTC' && btcAfter.push(p));
    // ETH pushed after BTC on the same stream: once it arrives, the BTC tick has been handled.
    const ethAfter = next<Price>(socket, 'price', (p) => p.price === 2223.5);
    t.fake.binanceStream.pushTicker('BTCUSDT', 11112.5);
    t.fake.binanceStream.pushTicker('ETHUSDT', 2223.5);
    await ethAfter;
    assert.deepEqual(btcAfter, [], 'no BTC prices after unsubscribing prices:btc');
    socket.disconnect();
  });

  it('a message naming more than 100 channels is refused whole, with the reason', async () => {
    const socket = await connect();
    const tooMany = Array.from({ length: 101 }, () => 'market');
    const reason = 'at most 100 channels per message (this one has 101); none was handled';
    assert.deepEqual(await socket.emitWithAck('subscribe', { channels: tooMany }), {
      ok: false,
      subscribed: [],
      rejected: [{ channel: '', reason }],
      results: [],
    });
    const ack = await socket.emitWithAck('subscribe', { channels: tooMany.slice(1) });
    assert.deepEqual([ack.ok, ack.subscribed, ack.rejected], [true, ['market'], []]);
    assert.equal(ack.results.length, 100);
    assert.deepEqual(await socket.emitWithAck('unsubscribe', { channels: tooMany }), {
      ok: false,
      subscribed: ['market'],
      rejected: [{ channel: '', reason }],
      unsubscribed: [],
      results: [],
    });
    socket.disconnect();
  });

  it('the providers snapshot is every provider’s current state, not the last change list', async () => {
    const directory = t.running.app.get(ProviderDirectory);
    const current = () =>
      directory
        .all()
        .map((r) => ({ id: r.id, status: r.status(), health_score: r.score() }))
        .sort((a, b) => a.id.localeCompare(b.id));
    // A change event names only the providers that changed.
    t.running.app
      .get(RealtimePublisher)
      .publish('providers', 'providers', [{ id: 'coingecko', status: 'degraded' }]);
    const socket = await connect();
    const snapshot = next<{ id: string }[]>(socket, 'providers', () => true);
    await socket.emitWithAck('subscribe', { channels: ['providers'] });
    const states = await snapshot;
    assert.ok(states.length > 1);
    assert.deepEqual(
      [...states].sort((a, b) => a.id.localeCompare(b.id)),
      current(),
    );
    socket.disconnect();
  });

  it('the stats broadcast counts connections, subscriptions and the HTTP requests of the last hour', async () => {
    const socket = await connect();
    await socket.emitWithAck('subscribe', { channels: ['stats', 'market'] });
    const before = t.running.app.get(HttpMetrics).lastHour().count;
    for (let i = 0; i < 3; i += 1) {
      await request(t.running.url).get('/api/health/live').expect(200);
    }
    const sentAfter = Date.now();
    const stats = next<StatsEvent>(socket, 'stats', (e) => e.ts >= sentAfter);
    assert.equal((await t.running.app.get(JobScheduler).run('stats-broadcast')).result, 'ok');
    const event = await stats;
    assert.equal(event.requests_1h, before + 3);
    assert.equal(typeof event.average_response_time_ms, 'number');
    assert.ok(event.connections >= 1);
    assert.ok(event.subscriptions >= 2);
    assert.equal((event as StatsEvent & { time: string }).time, new Date(event.ts).toISOString());
    socket.disconnect();
  });

  it('/ws welcomes a client that says nothing, within a second: how to subscribe and the market', async () => {
    const market = { total_market_cap_usd: 1 };
    t.running.app.get(RealtimePublisher).publish('market', 'market', market);
    const opened = Date.now();
    const ws = new WebSocket(`${t.running.url.replace(/^http/, 'ws')}/ws`);
    const [raw] = (await once(ws, 'message')) as [Buffer];
    assert.ok(Date.now() - opened < 1000, `${Date.now() - opened} ms`);
    const { event, data } = JSON.parse(rawText(raw)) as {
      event: string;
      data: Record<string, unknown>;
    };
    assert.equal(event, 'welcome');
    assert.deepEqual(data.channels, [
      'prices:<SYMBOL>',
      'market',
      'news',
      'sentiment',
      'providers',
      'stats',
    ]);
    assert.deepEqual(data.subscribe, { action: 'subscribe', channels: ['prices:BTC', 'market'] });
    assert.equal(data.docs, '/asyncapi');
    assert.deepEqual(data.market, market);
    assert.equal(data.time, new Date(data.ts as number).toISOString());
    ws.close();
  });

  it('the plain WebSocket at /ws speaks the same channels as JSON messages', async () => {
    const ws = new WebSocket(`${t.running.url.replace(/^http/, 'ws')}/ws`);
    const messages: { event: string; data: Record<string, unknown> }[] = [];
    ws.on('message', (raw) => messages.push(JSON.parse(rawText(raw)) as (typeof messages)[number]));
    await once(ws, 'open');
    ws.send(JSON.stringify({ action: 'subscribe', channels: ['prices:ETH', 'bogus'] }));
    ws.send(JSON.stringify({ action: 'ping' }));
    await until(() => messages.some((m) => m.event === 'pong'));
    const unknownChannel =
      'unknown channel; use prices:<SYMBOL>, market, news, sentiment, providers, stats';
    assert.deepEqual(messages.find((m) => m.event === 'subscribed')?.data, {
      ok: true,
      subscribed: ['prices:ETH'],
      rejected: [{ channel: 'bogus', reason: unknownChannel }],
      results: [
        { channel: 'prices:ETH', ok: true },
        { channel: 'bogus', ok: false, reason: unknownChannel },
      ],
    });
    assert.equal(messages[0].event, 'welcome');
    assert.deepEqual(messages[1], { event: 'ready', data: { tier: 'free' } });
    await until(() => t.fake.binanceStream.subscribedStreams().includes('ethusdt@miniTicker'));
    await until(() => t.running.app.get(PriceFeed).streaming);
    await sleep(250);
    const pushedAt = t.fake.binanceStream.pushTicker('ETHUSDT', 3456.5);
    await until(() => messages.some((m) => m.event === 'price' && m.data.price === 3456.5), 1000);
    assert.ok(Date.now() - pushedAt < 1000);

    ws.send(JSON.stringify({ action: 'subscribe', channels: ['providers'] }));
    await until(() => messages.some((m) => m.event === 'providers'));
    const snapshot = messages.find((m) => m.event === 'providers')?.data as unknown as unknown[];
    assert.equal(snapshot.length, t.running.app.get(ProviderDirectory).all().length);

    ws.send(JSON.stringify({ action: 'unsubscribe', channels: ['prices:eth'] }));
    await until(() => messages.some((m) => m.event === 'unsubscribed'));
    assert.deepEqual(messages.find((m) => m.event === 'unsubscribed')?.data.unsubscribed, [
      'prices:ETH',
    ]);
    t.fake.binanceStream.pushTicker('ETHUSDT', 4000.5);
    ws.send(JSON.stringify({ action: 'ping' }));
    await until(() => messages.filter((m) => m.event === 'pong').length === 2);
    await sleep(400);
    assert.ok(!messages.some((m) => m.event === 'price' && m.data.price === 4000.5));

    ws.send('not json');
    await until(() => messages.some((m) => m.event === 'error'));
    ws.close();
  });

  it('a free client over its subscription limit is refused with the reason; a pro key is not', async () => {
    const channels = [
      'market',
      'news',
      'sentiment',
      'providers',
      'stats',
      'prices:BTC',
      'prices:ETH',
      'prices:SOL',
      'prices:XRP',
      'prices:ADA',
      'prices:DOGE',
    ];
    const free = await connect();
    const refused = await free.emitWithAck('subscribe', { channels });
    assert.equal(refused.subscribed.length, 10);
    assert.deepEqual(refused.rejected, [
      { channel: 'prices:DOGE', reason: 'The free tier allows 10 subscriptions per connection' },
    ]);
    const created = await request(t.running.url)
      .post('/api/auth/keys')
      .set('X-API-Key', ADMIN_KEY)
      .send({ name: 'socket', tier: 'pro' })
      .expect(201);
    const pro = await connect(created.body.key as string);
    const accepted = await pro.emitWithAck('subscribe', { channels });
    assert.deepEqual([accepted.ok, accepted.subscribed.length], [true, 11]);
    free.disconnect();
    pro.disconnect();
  });

  it('refuses connections past the tier limit, and bad credentials, with the reason', async () => {
    await sleep(100);
    const open: Socket[] = [];
    for (let i = 0; i < 5; i += 1) {
      open.push(await connect());
    }
    const sixth = io(t.running.url, { transports: ['websocket'], reconnection: false });
    await assert.rejects(connected(sixth), {
      message: 'The free tier allows 5 real-time connections at once',
    });
    open.forEach((s) => s.disconnect());
    const forged = io(t.running.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: 'cdt_forged-forged-forged-forged-forged' },
    });
    await assert.rejects(connected(forged), { message: 'Unknown or revoked API key' });
  });

  it('switches to polling when the stream drops and back when it returns, keeping the subscription', async () => {
    await until(() => !t.fake.binanceStream.subscribedStreams().includes('solusdt@miniTicker'));
    const socket = await connect();
    // The snapshot is polled too: it must arrive before the drop, or it would pass for a poll.
    const snapshot = next<Price>(socket, 'price', (p) => p.symbol === 'SOL');
    await socket.emitWithAck('subscribe', { channels: ['prices:SOL'] });
    await snapshot;
    await until(() => t.fake.binanceStream.subscribedStreams().includes('solusdt@miniTicker'));
    await until(() => t.running.app.get(PriceFeed).streaming);
    t.fake.binanceStream.drop();
    const polled = await next<Price>(
      socket,
      'price',
      (p) => p.symbol === 'SOL' && p.provider !== 'binance',
      4000,
    );
    assert.equal(polled.provider, 'coingecko');
    assert.equal(t.running.app.get(PriceFeed).streaming, false);
    t.fake.binanceStream.allow();
    await until(() => t.running.app.get(PriceFeed).streaming, 10_000);
    await sleep(250);
    const back = next<Price>(socket, 'price', (p) => p.price === 222.22);
    t.fake.binanceStream.pushTicker('SOLUSDT', 222.22);
    assert.equal((await back).provider, 'binance');
    socket.disconnect();
  });

  it('twenty symbols subscribed in a burst share one stream connection and one snapshot poll', async () => {
    const symbols = ['BTC', 'ETH', 'XRP', 'BNB', 'SOL', 'USDC', 'DOGE', 'TRX', 'ADA', 'LINK'];
    symbols.push('AVAX', 'XLM', 'SUI', 'BCH', 'HBAR', 'LTC', 'DOT', 'TON', 'SHIB', 'UNI');
    sockets.forEach((s) => s.disconnect());
    await until(() => t.fake.binanceStream.subscribedStreams().length === 0);
    const socket = await connect(ADMIN_KEY);
    const connectionsBefore = t.fake.binanceStream.connections;
    const pollsBefore = t.fake.count('coingecko:/api/v3/simple/price');
    const acks = await Promise.all(
      symbols.map((s) => socket.emitWithAck('subscribe', { channels: [`prices:${s}`] })),
    );
    assert.ok(acks.every((a: { ok: boolean }) => a.ok));
    const streams = symbols.map((s) => `${s.toLowerCase()}usdt@miniTicker`);
    await until(() => streams.every((s) => t.fake.binanceStream.subscribedStreams().includes(s)));
    await sleep(300);
    assert.ok(t.fake.binanceStream.connections - connectionsBefore <= 2);
    assert.ok(t.fake.count('coingecko:/api/v3/simple/price') - pollsBefore <= 2);
    assert.equal(t.fake.binanceStream.overLimit, 0);
    socket.disconnect();
  });
});
