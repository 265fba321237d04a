import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { ProviderRegistry } from '../../src/providers/registry/provider-registry';
import { PriceFeed } from '../../src/realtime/feed/price-feed.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { connected, until } from '../support/waiting';

interface Price {
  symbol: string;
  price: number;
  provider: string;
  ts: number;
}

const PRICE_ROUTE = 'coingecko:/api/v3/simple/price';

describe('real-time feed: slow polls', () => {
  let t: FakeBackedApp;
  const sockets: Socket[] = [];
  /** Registry calls not answered yet: a poll publishes its prices as its call returns. */
  let pending = 0;

  /** A Socket.IO client subscribed to the channels, and every price it receives. */
  const subscriber = async (channels: string[]): Promise<Price[]> => {
    const socket = io(t.running.url, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await connected(socket);
    const prices: Price[] = [];
    socket.on('price', (p: Price) => prices.push(p));
    await socket.emitWithAck('subscribe', { channels });
    return prices;
  };
  const feed = (): PriceFeed => t.running.app.get(PriceFeed);

  before(async () => {
    // Held upstream answers must neither time out nor be hedged to another provider.
    t = await startFakeBackedApp({
      REALTIME_THROTTLE_MS: '0',
      REALTIME_POLL_SECONDS: '1',
      PROVIDER_TIMEOUT_MS: '60000',
      PROVIDER_DEADLINE_MS: '60000',
      PROVIDER_HEDGE_MAX_MS: '0',
    });
    const registry = t.running.app.get(ProviderRegistry);
    const execute = registry.execute.bind(registry);
    registry.execute = (async (...args: Parameters<typeof execute>) => {
      pending += 1;
      try {
        return await execute(...args);
      } finally {
        pending -= 1;
      }
    }) as typeof registry.execute;
  });

  after(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.stop();
  });

  it('a poll answering after a newer stream tick reaches neither clients nor the snapshot', async () => {
    t.fake.inject(PRICE_ROUTE, { type: 'hold' });
    const prices = await subscriber(['prices:ETH']);
    // The snapshot poll for the newly followed ETH is held at the upstream; the stream goes on.
    await until(
      () =>
        t.fake.holding === 1 &&
        t.fake.binanceStream.subscribedStreams().includes('ethusdt@miniTicker') &&
        feed().streaming,
    );
    t.fake.binanceStream.pushTicker('ETHUSDT', 3333.25);
    await until(() => prices.some((p) => p.price === 3333.25));
    t.fake.clear(PRICE_ROUTE);
    t.fake.release();
    await until(() => pending === 0);
    assert.deepEqual(
      prices.map((p) => [p.price, p.provider]),
      [[3333.25, 'binance']],
    );
    const late = await subscriber(['prices:ETH']);
    await until(() => late.length > 0);
    assert.deepEqual([late[0].price, late[0].provider], [3333.25, 'binance']);
  });

  it('a poll still waiting for its answer makes the next turns skip instead of overlapping it', async () => {
    t.fake.inject(PRICE_ROUTE, { type: 'hold' });
    t.fake.binanceStream.drop();
    await until(() => t.fake.holding === 1);
    const asked = t.fake.count(PRICE_ROUTE);
    // Two more turns of the 1 s poll go by while the first is held.
    await sleep(2500);
    assert.equal(t.fake.count(PRICE_ROUTE), asked);
    t.fake.clear(PRICE_ROUTE);
    t.fake.release();
    await until(() => t.fake.count(PRICE_ROUTE) > asked);
    t.fake.binanceStream.allow();
  });
});
