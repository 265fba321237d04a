import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DirectoryEntry, DirectoryIndex } from './directory-index';

const entry = (id: string, symbol: string, name: string, rank: number | null): DirectoryEntry => ({
  id,
  symbol,
  name,
  rank,
  platforms: {},
});

const COINS = [
  entry('sol-meme', 'SOL', 'Sol Meme', null),
  entry('tether', 'USDT', 'Tether', 3),
  entry('solana', 'SOL', 'Solana', 6),
  entry('solanium', 'SLIM', 'Solanium', null),
  entry('ethereum-wormhole', 'ETH', 'Ethereum (Wormhole)', null),
  entry('ethereum', 'ETH', 'Ethereum', 2),
  entry('batcat', 'BTC', 'batcat', 2900),
  entry('bitcoin', 'BTC', 'Bitcoin', 1),
  entry('aave-token', 'AAVE', 'Aave Token', null),
];
const ids = (list: DirectoryEntry[]) => list.map((e) => e.id);

describe('DirectoryIndex', () => {
  const index = new DirectoryIndex(COINS);

  it('orders by rank, then unranked coins by name', () => {
    assert.deepEqual(ids(index.page(1, 100)), [
      'bitcoin',
      'ethereum',
      'tether',
      'solana',
      'batcat',
      'aave-token',
      'ethereum-wormhole',
      'sol-meme',
      'solanium',
    ]);
    assert.deepEqual(ids(index.page(2, 4)), [
      'batcat',
      'aave-token',
      'ethereum-wormhole',
      'sol-meme',
    ]);
    assert.deepEqual(index.page(4, 4), []);
    assert.equal(index.size, 9);
    assert.equal(index.get('solana')?.name, 'Solana');
  });

  it('ranks exact matches, then prefixes, then substrings, each by market cap', () => {
    assert.deepEqual(ids(index.search('sol', 10)), ['solana', 'sol-meme', 'solanium']);
    assert.deepEqual(ids(index.search('BTC', 10)), ['bitcoin', 'batcat']);
    assert.deepEqual(ids(index.search('ether', 10)), ['ethereum', 'ethereum-wormhole', 'tether']);
    assert.deepEqual(ids(index.search('wormhole', 10)), ['ethereum-wormhole']);
    assert.deepEqual(ids(index.search('  Token ', 10)), ['aave-token']);
    assert.deepEqual(index.search('nothing', 10), []);
  });

  it('keeps better matches when the limit cuts the list', () => {
    assert.deepEqual(ids(index.search('e', 2)), ['ethereum', 'ethereum-wormhole']);
    assert.deepEqual(ids(index.search('sol', 1)), ['solana']);
  });
});
