import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CoinListing } from '../provider.types';
import { CoinIdMap } from './coin-id-map';

const listing = (id: string, symbol: string, name: string): CoinListing => ({
  id,
  symbol,
  name,
  marketCap: null,
  rank: null,
});

describe('CoinIdMap', () => {
  const map = new CoinIdMap([
    listing('bitcoin', 'BTC', 'Bitcoin'),
    listing('batcat', 'BTC', 'Batcat'),
    listing('usd-coin', 'USDC', 'usd-coin'),
  ]);

  it('maps on ticker and name together, so a shared ticker keeps each coin apart', () => {
    assert.equal(map.lookup({ symbol: 'BTC', name: 'Bitcoin' })?.id, 'bitcoin');
    assert.equal(map.lookup({ symbol: 'btc', name: 'Batcat' })?.id, 'batcat');
  });

  it('compares names without case, spaces or punctuation', () => {
    assert.equal(map.lookup({ symbol: 'USDC', name: 'USD Coin' })?.id, 'usd-coin');
  });

  it('leaves a coin out when its name or its ticker does not match: never by ticker alone', () => {
    assert.equal(map.lookup({ symbol: 'BTC', name: 'Bitcoin Cash' }), undefined);
    assert.equal(map.lookup({ symbol: 'XBT', name: 'Bitcoin' }), undefined);
  });

  it('maps nothing for a ticker and name that two listings share', () => {
    const twice = new CoinIdMap([listing('a', 'DUP', 'Dup'), listing('b', 'DUP', 'dup')]);
    assert.equal(twice.lookup({ symbol: 'DUP', name: 'Dup' }), undefined);
  });

  it('keeps each mapped row with its listing and drops the others', () => {
    const rows = [
      { id: 'btc-bitcoin', symbol: 'BTC', name: 'Bitcoin' },
      { id: 'xyz-unknown', symbol: 'XYZ', name: 'Unknown' },
      { id: 'btc-batcat', symbol: 'BTC', name: 'Batcat' },
    ];
    assert.deepEqual(
      map.mapAll(rows).map((m) => [m.row.id, m.listing.id]),
      [
        ['btc-bitcoin', 'bitcoin'],
        ['btc-batcat', 'batcat'],
      ],
    );
  });
});
