import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberAt, valueAt } from './json-path';

describe('JSON paths of discovered quote endpoints', () => {
  const json = { data: [{ last: '65000.5', vol: 12 }], tuple: [1, 2, 3], bad: 'n/a', empty: '' };

  it('walks objects and array indexes', () => {
    assert.equal(valueAt(json, 'data.0.last'), '65000.5');
    assert.equal(valueAt(json, 'tuple.2'), 3);
    assert.equal(valueAt(json, 'data.5.last'), undefined);
    assert.equal(valueAt(json, 'bad.deeper'), undefined);
  });

  it('reads numbers and numeric strings, nothing else', () => {
    assert.equal(numberAt(json, 'data.0.last'), 65000.5);
    assert.equal(numberAt(json, 'data.0.vol'), 12);
    assert.equal(numberAt(json, 'bad'), null);
    assert.equal(numberAt(json, 'empty'), null);
    assert.equal(numberAt(json, undefined), null);
  });
});
