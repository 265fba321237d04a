import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type HotEntry, hotEntries } from './hot-entries';

const entry = (bytes: number): HotEntry => ({
  headers: {},
  body: Buffer.alloc(bytes),
  route: undefined,
});

describe('hotEntries', () => {
  it('keeps answers up to a total size, dropping the least recently used first', () => {
    const entries = hotEntries(10_000);
    entries.set('a', entry(3_000));
    entries.set('b', entry(3_000));
    entries.get('a');
    entries.set('c', entry(3_000));
    assert.ok(entries.calculatedSize <= 10_000, String(entries.calculatedSize));
    assert.deepEqual([...entries.keys()].sort(), ['a', 'c']);
  });

  it('never keeps an answer larger than the whole budget', () => {
    const entries = hotEntries(10_000);
    entries.set('small', entry(100));
    entries.set('huge', entry(20_000));
    assert.equal(entries.has('huge'), false);
    assert.equal(entries.has('small'), true);
  });
});
