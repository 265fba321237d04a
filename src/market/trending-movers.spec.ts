import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarketCoin } from '../providers/provider.types';
import { moversAsTrending } from './trending-movers';

const coin = (id: string, rank: number, change24h: number | null): MarketCoin => ({
  id,
  rank,
  symbol: id.toUpperCase(),
  name: id,
  price: rank * 10,
  change24h,
  volume24h: null,
  marketCap: null,
  lastUpdated: new Date(0),
});

describe('moversAsTrending', () => {
  it('ranks by the size of the 24 h move either way and leaves out coins without one', () => {
    const list = [coin('a', 1, 1.5), coin('b', 2, -7), coin('c', 3, null), coin('d', 4, 3)];
    assert.deepEqual(
      moversAsTrending(list, 2).map((c) => [c.rank, c.id, c.marketCapRank, c.priceUsd, c.score]),
      [
        [1, 'b', 2, 20, 0],
        [2, 'd', 4, 40, 1],
      ],
    );
  });
});
