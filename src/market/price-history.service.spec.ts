import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoInterval } from './price-history.service';

const DAY = 86_400_000;

describe('autoInterval', () => {
  it('picks the finest bucket that keeps about 1,000 points or fewer', () => {
    assert.equal(autoInterval(DAY), '5m');
    assert.equal(autoInterval(7 * DAY), '1h');
    assert.equal(autoInterval(30 * DAY), '1h');
    assert.equal(autoInterval(90 * DAY), '1d');
  });
});
