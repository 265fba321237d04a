import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Tally } from './tally';

describe('Tally', () => {
  it('counts per key and forgets a key once its count is back to zero', () => {
    const tally = new Tally();
    for (let i = 0; i < 1000; i += 1) {
      tally.increment(`ip:${i}`);
    }
    tally.increment('ip:1');
    assert.deepEqual([tally.size, tally.get('ip:1')], [1000, 2]);
    for (let i = 0; i < 1000; i += 1) {
      tally.decrement(`ip:${i}`);
    }
    assert.deepEqual([tally.size, tally.get('ip:1'), tally.get('ip:2')], [1, 1, 0]);
    tally.decrement('ip:1');
    assert.equal(tally.size, 0);
  });

  it('never goes below zero', () => {
    const tally = new Tally();
    tally.decrement('ip:1');
    tally.increment('ip:1');
    assert.deepEqual([tally.size, tally.get('ip:1')], [1, 1]);
  });
});
