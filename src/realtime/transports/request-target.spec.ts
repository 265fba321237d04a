import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathOf, queryParam } from './request-target';

describe('request targets', () => {
  it('reads the path and a query parameter of any target without throwing', () => {
    assert.equal(pathOf('/ws?token=a'), '/ws');
    assert.equal(pathOf('//['), '//[');
    assert.equal(pathOf(undefined), '/');
    assert.equal(queryParam('/ws?token=a%20b&x=1', 'token'), 'a b');
    assert.equal(queryParam('/ws?token=%ZZ%', 'token'), '%ZZ%');
    assert.equal(queryParam('//[?token=[', 'token'), '[');
    assert.equal(queryParam('/ws', 'token'), undefined);
    assert.equal(queryParam('/ws?other=1', 'token'), undefined);
  });
});
