import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BinanceStreamClient,
  type StreamTick,
} from '../../src/realtime/feed/binance-stream.client';
import { FakeUpstream } from '../fake-upstream/fake-upstream';
import { until } from '../support/waiting';

const PAIRS = ['BTCUSDT', 'ETHUSDT', 'XRPUSDT', 'BNBUSDT', 'SOLUSDT', 'DOGEUSDT', 'TRXUSDT'];

describe('Binance stream client against the fake exchange', () => {
  let fake: FakeUpstream;
  let client: BinanceStreamClient | undefined;
  const ticks: StreamTick[] = [];
  const start = (silenceMs?: number): BinanceStreamClient => {
    client = new BinanceStreamClient(
      [fake.env().BINANCE_WS_URLS],
      { tick: (tick) => ticks.push(tick), state: () => undefined },
      { silenceMs },
    );
    return client;
  };
  const streams = (): string[] => fake.binanceStream.subscribedStreams().sort();
  const streamsOf = (pairs: string[]): string[] =>
    pairs.map((p) => `${p.toLowerCase()}@miniTicker`).sort();

  before(async () => {
    fake = await new FakeUpstream().start();
  });

  afterEach(() => {
    client?.stop();
    fake.binanceStream.drop();
    fake.binanceStream.allow();
  });

  after(async () => {
    await fake.stop();
  });

  it('follows a changing pair list on one connection, within 5 messages a second', async () => {
    const stream = start();
    stream.follow(['BTCUSDT']);
    await until(() => stream.isOpen);
    const connections = fake.binanceStream.connections;
    for (let n = 2; n <= PAIRS.length; n += 1) {
      stream.follow(PAIRS.slice(0, n));
      await sleep(10);
    }
    for (let n = PAIRS.length - 1; n >= 3; n -= 1) {
      stream.follow(PAIRS.slice(0, n));
      await sleep(10);
    }
    await until(() => streams().join() === streamsOf(PAIRS.slice(0, 3)).join());
    stream.follow(['SOLUSDT', 'BTCUSDT']);
    await until(() => streams().join() === streamsOf(['SOLUSDT', 'BTCUSDT']).join());
    assert.equal(fake.binanceStream.connections, connections);
    assert.equal(fake.binanceStream.overLimit, 0);
    fake.binanceStream.pushTicker('SOLUSDT', 150.5);
    await until(() => ticks.some((t) => t.pair === 'SOLUSDT' && t.price === 150.5));
  });

  it('reopens a stream gone silent, and keeps one that is quiet but answers pings', async () => {
    const stream = start(400);
    stream.follow(['BTCUSDT']);
    await until(() => stream.isOpen);
    const connections = fake.binanceStream.connections;
    await sleep(1000);
    assert.equal(fake.binanceStream.connections, connections, 'a quiet live stream stays');
    fake.binanceStream.silence();
    await until(() => fake.binanceStream.connections > connections, 3000);
    await until(() => stream.isOpen && streams().includes('btcusdt@miniTicker'));
    fake.binanceStream.pushTicker('BTCUSDT', 54321);
    await until(() => ticks.some((t) => t.price === 54321));
  });
});
