import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { depthExceeds, JsonTooDeepError, MAX_JSON_DEPTH, refuseDeepJson } from './json-depth';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const verify = (text: string, encoding = 'utf-8') =>
  refuseDeepJson(undefined as never, undefined as never, Buffer.from(text, 'utf8'), encoding);

describe('refuseDeepJson', () => {
  it('counts arrays and objects together, up to the limit exactly', () => {
    assert.equal(depthExceeds(bytes('{"a":[{"b":[1]}]}'), 4), false);
    assert.equal(depthExceeds(bytes('{"a":[{"b":[1]}]}'), 3), true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    assert.equal(depthExceeds(bytes(JSON.stringify({ t: '[[[[{{{{ \\" [[[[' })), 1), false);
    assert.equal(depthExceeds(bytes('["\\"[[[[[["]'), 1), false);
  });

  it('refuses a 5,000-deep body as a 400 body-parser error', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    assert.throws(
      () => verify(deep),
      (error: unknown) =>
        error instanceof JsonTooDeepError && error.status === 400 && error.expose === true,
    );
  });

  it('accepts the limit itself and checks UTF-16 bodies after decoding', () => {
    const atLimit = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    assert.doesNotThrow(() => verify(atLimit));
    const utf16 = Buffer.from(
      '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1),
      'utf16le',
    );
    assert.throws(
      () => refuseDeepJson(undefined as never, undefined as never, utf16, 'utf-16le'),
      JsonTooDeepError,
    );
  });
});
