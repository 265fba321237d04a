import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { PriceThrottle } from './price-throttle';

/** A throttle on mocked timers and Date, and what it emitted with the (mocked) time of each. */
function setup(windowMs: number) {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  const sent: { value: number; at: number }[] = [];
  const throttle = new PriceThrottle(windowMs, (data) =>
    sent.push({ value: data as number, at: Date.now() }),
  );
  return { throttle, sent };
}

describe('PriceThrottle', () => {
  it('sends the first price at once and the newest held one when the window ends', () => {
    const { throttle, sent } = setup(100);
    try {
      throttle.offer('BTC', 1);
      throttle.offer('BTC', 2);
      throttle.offer('BTC', 3);
      assert.deepEqual(sent, [{ value: 1, at: 1_000_000 }]);
      mock.timers.tick(100);
      assert.deepEqual(sent.at(-1), { value: 3, at: 1_000_100 });
      mock.timers.tick(500);
      assert.equal(sent.length, 2, 'nothing more without new prices');
      throttle.offer('BTC', 4);
      assert.deepEqual(sent.at(-1), { value: 4, at: 1_000_600 });
    } finally {
      mock.timers.reset();
    }
  });

  it('never sends an older price after a newer one, nor two in a window, when the timer is late', () => {
    const { throttle, sent } = setup(100);
    try {
      throttle.offer('BTC', 1);
      throttle.offer('BTC', 2);
      // The window ends but the event loop is busy: the clock moves on before the timer runs,
      // and a newer price arrives first.
      mock.timers.setTime(1_000_150);
      throttle.offer('BTC', 3);
      mock.timers.tick(0);
      assert.deepEqual(
        sent.map((s) => s.value),
        [1, 3],
      );
      throttle.offer('BTC', 4);
      mock.timers.tick(99);
      assert.deepEqual(
        sent.map((s) => s.value),
        [1, 3],
      );
      mock.timers.tick(1);
      assert.deepEqual(
        sent.map((s) => s.value),
        [1, 3, 4],
      );
      const gaps = sent.slice(1).map((s, i) => s.at - sent[i].at);
      assert.ok(
        gaps.every((g) => g >= 100),
        `gaps ${gaps.join(', ')}`,
      );
    } finally {
      mock.timers.reset();
    }
  });

  it('keeps symbols apart, and forgets a symbol with what it held', () => {
    const { throttle, sent } = setup(100);
    try {
      throttle.offer('BTC', 1);
      throttle.offer('ETH', 10);
      throttle.offer('BTC', 2);
      throttle.forget('BTC');
      mock.timers.tick(100);
      assert.deepEqual(
        sent.map((s) => s.value),
        [1, 10],
      );
      throttle.offer('BTC', 3);
      assert.deepEqual(sent.at(-1)?.value, 3, 'a forgotten symbol starts a fresh window');
    } finally {
      mock.timers.reset();
    }
  });
});
