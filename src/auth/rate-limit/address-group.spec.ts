import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressGroup } from './address-group';

describe('addressGroup', () => {
  it('groups IPv6 addresses by their /64, however they are written', () => {
    const group = '2001:db8:85a3:1::/64';
    for (const ip of [
      '2001:db8:85a3:1::1',
      '2001:0db8:85a3:0001:ffff:ffff:ffff:ffff',
      '2001:db8:85a3:1:abcd::7',
    ]) {
      assert.equal(addressGroup(ip), group, ip);
    }
    assert.equal(addressGroup('2001:db8:85a3:2::1'), '2001:db8:85a3:2::/64');
    assert.equal(addressGroup('::1'), '0:0:0:0::/64');
  });

  it('keeps IPv4 addresses apart, IPv4-mapped IPv6 included', () => {
    assert.equal(addressGroup('203.0.113.7'), '203.0.113.7');
    assert.equal(addressGroup('::ffff:203.0.113.7'), '203.0.113.7');
    assert.notEqual(addressGroup('203.0.113.8'), addressGroup('203.0.113.7'));
  });

  it('leaves what is not an address as it is', () => {
    assert.equal(addressGroup(''), '');
    assert.equal(addressGroup('unknown'), 'unknown');
  });
});
