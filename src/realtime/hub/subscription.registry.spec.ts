import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionState, RealtimeConnection } from './connection.types';
import type { PriceThrottle } from './price-throttle';
import { SubscriptionRegistry } from './subscription.registry';

function state(id: string): ConnectionState {
  return {
    connection: { id } as RealtimeConnection,
    channels: new Set(),
    delivered: new Set(),
    prices: {} as PriceThrottle,
  };
}

const ids = (states: Iterable<ConnectionState>) => [...states].map((s) => s.connection.id).sort();

describe('SubscriptionRegistry', () => {
  it('indexes subscribers by channel, so a publish reaches only them', () => {
    const registry = new SubscriptionRegistry();
    const [a, b, c] = [state('a'), state('b'), state('c')];
    [a, b, c].forEach((s) => registry.add(s));
    assert.equal(registry.subscribe(a, 'prices:BTC'), true);
    assert.equal(registry.subscribe(a, 'prices:BTC'), false, 'already followed');
    registry.subscribe(b, 'prices:BTC');
    registry.subscribe(b, 'news');
    registry.subscribe(c, 'prices:ETH');
    assert.deepEqual(ids(registry.subscribersOf('prices:BTC')), ['a', 'b']);
    assert.deepEqual(ids(registry.subscribersOf('news')), ['b']);
    assert.deepEqual(ids(registry.subscribersOf('market')), []);
    assert.deepEqual(registry.followedSymbols().sort(), ['BTC', 'ETH']);
    assert.equal(registry.subscriptionCount, 4);
  });

  it('forgets a channel when its last subscriber leaves or is removed', () => {
    const registry = new SubscriptionRegistry();
    const [a, b] = [state('a'), state('b')];
    registry.add(a);
    registry.add(b);
    registry.subscribe(a, 'prices:BTC');
    registry.subscribe(b, 'prices:BTC');
    registry.subscribe(b, 'prices:ETH');
    assert.equal(registry.unsubscribe(a, 'prices:BTC'), true);
    assert.equal(registry.unsubscribe(a, 'prices:BTC'), false, 'not followed any more');
    assert.equal(registry.isFollowed('BTC'), true, 'b still follows it');
    assert.equal(registry.remove('b'), b);
    assert.equal(registry.isFollowed('BTC'), false);
    assert.deepEqual(registry.followedSymbols(), []);
    assert.deepEqual(ids(registry.subscribersOf('prices:ETH')), []);
    assert.equal(registry.subscriptionCount, 0);
    assert.equal(registry.holds(b), false);
    assert.equal(registry.holds(a), true);
    assert.equal(registry.remove('b'), undefined);
  });
});
