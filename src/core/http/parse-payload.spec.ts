import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parsePayload } from './parse-payload';

const schema = z.array(z.object({ name: z.string(), tags: z.array(z.string()) }).loose());

describe('parsePayload', () => {
  it('keeps only the named keys when asked, array items included', () => {
    const text = JSON.stringify([
      { name: 'a', tags: ['x', 'y'], chainTvls: { Ethereum: 1 }, description: 'long' },
    ]);
    const parsed = parsePayload(
      { provider: 'p', path: '/list', text, keepKeys: new Set(['name', 'tags']) },
      schema,
    );
    assert.deepEqual(parsed, [{ name: 'a', tags: ['x', 'y'] }]);
  });

  it('turns HTML, broken JSON and wrong shapes into bad_payload errors', () => {
    const parse = (text: string) => () => parsePayload({ provider: 'p', path: '/x', text }, schema);
    assert.throws(parse('<!DOCTYPE html><html>'), /HTML page instead of JSON/);
    assert.throws(parse('[{"name":'), /malformed or truncated JSON/);
    assert.throws(parse('[{"name":1,"tags":[]}]'), /unexpected payload at 0.name/);
  });
});
