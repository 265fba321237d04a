import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Caller } from '../../auth/caller.types';
import type { AppConfig, TierPolicy } from '../../core/config';
import type { CoinCatalogue } from '../../market/coins/coin-catalogue';
import { RealtimePublisher } from '../../core/realtime/realtime.publisher';
import type { RealtimeConnection, SharedSend } from './connection.types';
import { MAX_BUFFERED_BYTES, RealtimeHub } from './realtime-hub.service';

const TIER: TierPolicy = {
  name: 'free',
  limits: [],
  maxSymbols: 5,
  historyDays: 7,
  maxSubscriptions: 3,
  maxConnections: 2,
};

function setup(throttleMs = 50) {
  const publisher = new RealtimePublisher();
  const coins = { find: (s: string) => (['BTC', 'ETH'].includes(s) ? { symbol: s } : undefined) };
  const config = { realtime: { throttleMs } } as unknown as AppConfig;
  const hub = new RealtimeHub(publisher, coins as unknown as CoinCatalogue, config);
  return { hub, publisher };
}

function connection(id: string, tracker = 'ip:1', shared?: SharedSend) {
  const sent: { event: string; data: unknown }[] = [];
  let buffered = 0;
  let closed: string | undefined;
  const caller: Caller = { keyId: null, tier: TIER, ip: '1', tracker };
  const conn: RealtimeConnection = {
    id,
    caller,
    send: (event, data) => sent.push({ event, data }),
    shared,
    buffered: () => buffered,
    close: (reason) => (closed = reason),
  };
  return { conn, sent, setBuffered: (n: number) => (buffered = n), closed: () => closed };
}

const price = (value: number) => ({
  symbol: 'BTC',
  price: value,
  change_24h: null,
  volume_24h: null,
  provider: 'x',
  ts: value,
});

describe('RealtimeHub', () => {
  it('sends at most one price per symbol per window, then the newest held back', async () => {
    const { hub, publisher } = setup(50);
    const a = connection('a');
    hub.admit(a.conn);
    hub.subscribe(a.conn, ['prices:BTC']);
    publisher.publish('prices:BTC', 'price', price(1));
    publisher.publish('prices:BTC', 'price', price(2));
    publisher.publish('prices:BTC', 'price', price(3));
    assert.deepEqual(
      a.sent.map((m) => (m.data as { price: number }).price),
      [1],
    );
    await sleep(80);
    assert.deepEqual(
      a.sent.map((m) => (m.data as { price: number }).price),
      [1, 3],
    );
    hub.onModuleDestroy();
  });

  it('sends the latest value as a snapshot on subscribe', async () => {
    const { hub, publisher } = setup();
    publisher.publish('market', 'market', { total: 1 });
    const a = connection('a');
    hub.admit(a.conn);
    hub.subscribe(a.conn, ['market']);
    await sleep(5);
    assert.deepEqual(a.sent, [{ event: 'market', data: { total: 1 } }]);
  });

  it('drops a client whose messages back up, without slowing the others', () => {
    const { hub, publisher } = setup();
    const slow = connection('slow');
    const fast = connection('fast', 'ip:2');
    for (const c of [slow, fast]) {
      hub.admit(c.conn);
      hub.subscribe(c.conn, ['news']);
    }
    slow.setBuffered(MAX_BUFFERED_BYTES + 1);
    publisher.publish('news', 'news', [{ title: 'x' }]);
    assert.match(slow.closed() ?? '', /too slow/);
    assert.equal(slow.sent.length, 0);
    assert.equal(fast.sent.length, 1);
    assert.equal(hub.stats().connections, 1);
  });

  it("hands a delivery to each transport's shared send once, with every client due", async () => {
    const { hub, publisher } = setup(50);
    const calls: { ids: string[]; event: string; price?: number }[] = [];
    const shared: SharedSend = {
      send: (connections, event, data) =>
        calls.push({
          ids: connections.map((c) => c.id),
          event,
          price: (data as { price?: number }).price,
        }),
    };
    const a = connection('a', 'ip:1', shared);
    const b = connection('b', 'ip:2', shared);
    const plain = connection('plain', 'ip:3');
    const late = connection('late', 'ip:4', shared);
    for (const c of [a, b, plain]) {
      hub.admit(c.conn);
      hub.subscribe(c.conn, ['prices:BTC', 'news']);
    }
    publisher.publish('news', 'news', [{ title: 'x' }]);
    publisher.publish('prices:BTC', 'price', price(1));
    hub.admit(late.conn);
    hub.subscribe(late.conn, ['prices:BTC']);
    publisher.publish('prices:BTC', 'price', price(2));
    assert.deepEqual(calls, [
      { ids: ['a', 'b'], event: 'news', price: undefined },
      { ids: ['a', 'b'], event: 'price', price: 1 },
      { ids: ['late'], event: 'price', price: 2 },
    ]);
    assert.deepEqual(
      plain.sent.map((m) => m.event),
      ['news', 'price'],
      'a transport without a shared send gets each message itself',
    );
    await sleep(80);
    assert.equal(
      calls.length,
      3,
      'a price held back by the throttle goes out on its own, not through the shared send',
    );
    assert.deepEqual(
      a.sent.map((m) => (m.data as { price: number }).price),
      [2],
    );
    // news ×3, price 1 ×3, price 2 to late at once and to the other three at their window's end
    assert.equal(hub.stats().messagesSent, 10);
    hub.onModuleDestroy();
  });

  it('applies the tier limits on connections and subscriptions, and tracks followed symbols', () => {
    const { hub } = setup();
    const [a, b, c] = ['a', 'b', 'c'].map((id) => connection(id));
    assert.equal(hub.admit(a.conn), undefined);
    assert.equal(hub.admit(b.conn), undefined);
    assert.equal(hub.admit(c.conn), 'The free tier allows 2 real-time connections at once');
    const changes: string[][] = [];
    hub.onSymbolsChanged((symbols) => changes.push(symbols));
    const ack = hub.subscribe(a.conn, ['prices:BTC', 'prices:ETH', 'market', 'news']);
    assert.deepEqual(ack.rejected, [
      { channel: 'news', reason: 'The free tier allows 3 subscriptions per connection' },
    ]);
    hub.remove(a.conn);
    assert.deepEqual(changes, [['BTC', 'ETH'], []]);
    assert.equal(hub.admit(c.conn), undefined, 'a freed slot can be used again');
  });
});
