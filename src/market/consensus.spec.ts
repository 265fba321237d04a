import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, spreadPct } from './consensus';

describe('consensus maths', () => {
  it('takes the median of odd and even counts', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
  });

  it('measures the spread against the median, in percent', () => {
    assert.equal(spreadPct([99, 100, 101]), 2);
    assert.equal(spreadPct([100]), 0);
  });
});
