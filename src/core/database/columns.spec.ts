import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMsTransformer } from './columns';

describe('epochMsTransformer', () => {
  it('stores instants as epoch milliseconds', () => {
    assert.equal(epochMsTransformer.to(new Date('2026-11-28T00:00:00.000Z')), 1795824000000);
    assert.equal(epochMsTransformer.to(1795824000000), 1795824000000);
    assert.equal(epochMsTransformer.to(null), null);
  });

  it('reads numbers and the strings pg returns for BIGINT back as dates', () => {
    assert.deepEqual(
      epochMsTransformer.from('1795824000000'),
      new Date('2026-11-28T00:00:00.000Z'),
    );
    assert.deepEqual(epochMsTransformer.from(1795824000000), new Date('2026-11-28T00:00:00.000Z'));
    assert.equal(epochMsTransformer.from(null), null);
  });
});
