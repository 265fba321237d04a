import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PriceFeed } from '../../src/realtime/feed/price-feed.service';
import type { RealtimeConnection, SharedSend } from '../../src/realtime/hub/connection.types';
import { RealtimeHub } from '../../src/realtime/hub/realtime-hub.service';
import { rawText } from '../../src/realtime/raw-text';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { connected, until } from '../support/waiting';

interface Price {
  symbol: string;
  price: number;
  provider: string;
  ts: number;
}

/** A price as a client saw it, with the time it arrived. */
interface Received extends Price {
  at: number;
}

type Client = { name: string; prices: Received[]; close: () => void };

async function socketIoClient(url: string, channels: string[]): Promise<Client> {
  const socket: Socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    auth: { token: ADMIN_KEY },
  });
  await connected(socket);
  const prices: Received[] = [];
  socket.on('price', (p: Price) => prices.push({ ...p, at: Date.now() }));
  await socket.emitWithAck('subscribe', { channels });
  return { name: 'socket.io', prices, close: () => socket.disconnect() };
}

async function plainWsClient(url: string, channels: string[]): Promise<Client> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, {
    headers: { 'x-api-key': ADMIN_KEY },
  });
  const prices: Received[] = [];
  ws.on('message', (raw) => {
    const message = JSON.parse(rawText(raw)) as { event: string; data: Price };
    if (message.event === 'price') {
      prices.push({ ...message.data, at: Date.now() });
    }
  });
  await once(ws, 'open');
  ws.send(JSON.stringify({ action: 'subscribe', channels }));
  return { name: '/ws', prices, close: () => ws.close() };
}

describe('real-time order: the throttle window and ticks across it', () => {
  const THROTTLE_MS = 250;
  const TICKS_PER_PAIR = 1500;
  let t: FakeBackedApp;
  const clients: Client[] = [];
  /**
   * When the server handed each price to each connection's transport: receipt times carry the
   * event loop's jitter, so the window is checked where it is kept.
   */
  const handedOver = new Map<string, { symbol: string; at: number }[]>();

  before(async () => {
    t = await startFakeBackedApp({
      REALTIME_THROTTLE_MS: String(THROTTLE_MS),
      REALTIME_POLL_SECONDS: '30',
    });
    const hub = t.running.app.get(RealtimeHub);
    const admit = hub.admit.bind(hub);
    const note = (connection: RealtimeConnection, event: string, data: unknown) => {
      if (event === 'price') {
        handedOver.get(connection.id)!.push({ symbol: (data as Price).symbol, at: Date.now() });
      }
    };
    // One wrapper per transport, so the hub still hands a tick to each transport once.
    const loggedShares = new Map<SharedSend, SharedSend>();
    const logged = (shared: SharedSend): SharedSend => {
      const wrapper = loggedShares.get(shared) ?? {
        send: (connections, event, data) => {
          connections.forEach((connection) => note(connection, event, data));
          shared.send(connections, event, data);
        },
      };
      loggedShares.set(shared, wrapper);
      return wrapper;
    };
    hub.admit = (connection) => {
      handedOver.set(connection.id, []);
      const send = connection.send.bind(connection);
      connection.send = (event, data) => {
        note(connection, event, data);
        send(event, data);
      };
      connection.shared = connection.shared && logged(connection.shared);
      return admit(connection);
    };
  });

  after(async () => {
    clients.forEach((c) => c.close());
    await t.stop();
  });

  it('thousands of ticks: every channel in order, at most one price per window, the newest last', async () => {
    const channels = ['prices:BTC', 'prices:ETH'];
    for (let i = 0; i < 3; i += 1) {
      clients.push(await socketIoClient(t.running.url, channels));
    }
    clients.push(await plainWsClient(t.running.url, channels));
    const streams = ['btcusdt@miniTicker', 'ethusdt@miniTicker'];
    await until(() => streams.every((s) => t.fake.binanceStream.subscribedStreams().includes(s)));
    await until(() => t.running.app.get(PriceFeed).streaming);
    // The subscribe snapshots (polled) have arrived and opened each client's windows.
    await until(() => clients.every((c) => new Set(c.prices.map((p) => p.symbol)).size === 2));

    // Strictly rising prices, so the order a client sees them in shows any older one coming late.
    const base = { BTC: 50_000, ETH: 2_000 };
    const started = Date.now();
    for (let i = 1; i <= TICKS_PER_PAIR; i += 1) {
      t.fake.binanceStream.pushTicker('BTCUSDT', base.BTC + i);
      t.fake.binanceStream.pushTicker('ETHUSDT', base.ETH + i);
      // Paced by the clock, not by sleep(1)'s length: the ticks span five windows on any machine.
      const behind = started + (i / TICKS_PER_PAIR) * 5 * THROTTLE_MS - Date.now();
      if (i % 3 === 0) {
        await sleep(Math.max(1, behind));
      }
    }
    const pushedFor = Date.now() - started;
    const last = { BTC: base.BTC + TICKS_PER_PAIR, ETH: base.ETH + TICKS_PER_PAIR };
    await until(() =>
      clients.every((c) =>
        (['BTC', 'ETH'] as const).every((s) => c.prices.some((p) => p.price === last[s])),
      ),
    );
    assert.ok(pushedFor > 4 * THROTTLE_MS, `ticks spread over ${pushedFor} ms, several windows`);

    for (const client of clients) {
      for (const symbol of ['BTC', 'ETH'] as const) {
        const seen = client.prices.filter((p) => p.symbol === symbol);
        const ticks = seen.filter((p) => p.provider === 'binance').map((p) => p.price);
        const label = `${client.name} ${symbol}`;
        ticks.slice(1).forEach((price, i) => {
          assert.ok(price > ticks[i], `${label}: ${price} arrived after ${ticks[i]}`);
        });
        assert.equal(ticks.at(-1), last[symbol], `${label}: the newest price comes last`);
        assert.ok(ticks.length >= 4, `${label}: ${ticks.length} ticks delivered`);
      }
    }
    // One per window, the snapshot included: every connection's prices of a symbol were handed
    // to the transport at least a window apart, and each client received every one of them.
    assert.equal(handedOver.size, clients.length);
    const received = clients.map((c) => c.prices.length).sort();
    const sent = [...handedOver.values()].map((log) => log.length).sort();
    assert.deepEqual(received, sent);
    for (const [id, log] of handedOver) {
      for (const symbol of ['BTC', 'ETH']) {
        const times = log.filter((p) => p.symbol === symbol).map((p) => p.at);
        const gaps = times.slice(1).map((at, i) => at - times[i]);
        assert.ok(
          // Date.now() counts whole milliseconds, so a window kept to the sub-millisecond can
          // read as one less.
          gaps.every((gap) => gap >= THROTTLE_MS - 1),
          `${id} ${symbol}: gaps ${gaps.join(', ')} ms (window ${THROTTLE_MS} ms)`,
        );
      }
    }
  });
});

describe('real-time order: losing the exchange stream', () => {
  const POLL_SECONDS = 2;
  let t: FakeBackedApp;
  let client: Client | undefined;

  before(async () => {
    t = await startFakeBackedApp({
      REALTIME_THROTTLE_MS: '100',
      REALTIME_POLL_SECONDS: String(POLL_SECONDS),
    });
    // CoinGecko's quotes lag the wall clock by tens of seconds, as in production.
    t.fake.settings.quoteLagMs = 30_000;
  });

  after(async () => {
    client?.close();
    await t.stop();
  });

  it('the first polled price arrives within the poll interval + 2 s of the drop, after the last tick', async () => {
    client = await socketIoClient(t.running.url, ['prices:SOL']);
    const prices = client.prices;
    await until(() => prices.length > 0);
    await until(() => t.fake.binanceStream.subscribedStreams().includes('solusdt@miniTicker'));
    await until(() => t.running.app.get(PriceFeed).streaming);
    await sleep(150);
    const lastTickTs = t.fake.binanceStream.pushTicker('SOLUSDT', 199.5);
    await until(() => prices.some((p) => p.price === 199.5));

    const droppedAt = Date.now();
    t.fake.binanceStream.drop();
    await until(
      () => prices.some((p) => p.at >= droppedAt && p.provider !== 'binance'),
      (POLL_SECONDS + 3) * 1000,
    );
    const polled = prices.find((p) => p.at >= droppedAt && p.provider !== 'binance')!;
    const after = polled.at - droppedAt;
    assert.ok(after <= POLL_SECONDS * 1000 + 2000, `first polled price ${after} ms after the drop`);
    assert.equal(polled.provider, 'coingecko');
    // The provider's clock lags the last tick, yet the poll is the newest thing received.
    assert.ok(polled.ts < lastTickTs, `${polled.ts} vs ${lastTickTs}`);
    assert.deepEqual(
      prices.slice(prices.indexOf(polled)).map((p) => p.provider),
      prices.slice(prices.indexOf(polled)).map(() => 'coingecko'),
      'no tick after the polled price',
    );
    // A new subscriber's snapshot is the polled price too, not the last tick.
    const late = await socketIoClient(t.running.url, ['prices:SOL']);
    try {
      await until(() => late.prices.length > 0);
      assert.equal(late.prices[0].provider, 'coingecko');
    } finally {
      late.close();
      t.fake.binanceStream.allow();
    }
  });
});
