import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CoinListing } from '../provider.types';
import { CoinIdMap } from './coin-id-map';
import { withConfigured } from './coin-listings.view';

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

describe('withConfigured', () => {
  const configured = [
    { symbol: 'BTC', name: 'Bitcoin', coingeckoId: 'bitcoin' },
    { symbol: 'XRP', name: 'XRP', coingeckoId: 'ripple' },
    { symbol: 'batcat', name: 'Batcat', coingeckoId: 'batcat', sharesTicker: true },
  ];

  it('maps the configured coins before any listing is stored', () => {
    const map = new CoinIdMap(withConfigured([], configured));
    assert.equal(map.lookup({ symbol: 'XRP', name: 'XRP' })?.id, 'ripple');
    assert.equal(map.lookup({ symbol: 'BTC', name: 'Bitcoin' })?.id, 'bitcoin');
    // Its ticker in config is its id: it cannot be matched by ticker and name, so it is not.
    assert.equal(map.lookup({ symbol: 'batcat', name: 'Batcat' }), undefined);
  });

  it('lets the stored listing win for the coins it has, keeping the configured others', () => {
    const merged = withConfigured([listing('ripple', 'XRP', 'ripple')], configured);
    assert.deepEqual(
      merged.map((l) => [l.id, l.name]),
      [
        ['ripple', 'ripple'],
        ['bitcoin', 'Bitcoin'],
      ],
    );
  });
});
