import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KnownCoin } from '../../core/config';
import { buildCoinIndex } from './coin-index';

const CONFIGURED: KnownCoin[] = [
  { symbol: 'BTC', name: 'Bitcoin', coingeckoId: 'bitcoin', binancePair: 'BTCUSDT' },
  { symbol: 'TON', name: 'Toncoin', coingeckoId: 'the-open-network', binancePair: 'TONUSDT' },
];
const listing = (id: string, symbol: string, marketCap: number | null, rank: number | null) => ({
  id,
  symbol,
  name: id,
  marketCap,
  rank,
});

describe('buildCoinIndex', () => {
  it('uses the configured coins alone until a market list is stored', () => {
    const index = buildCoinIndex(CONFIGURED, []);
    assert.equal(index.bySymbol.get('BTC')?.coingeckoId, 'bitcoin');
    assert.deepEqual(
      index.ranked.map((c) => c.symbol),
      ['BTC', 'TON'],
    );
  });

  it('gives a shared ticker to the largest market cap and names the others by id', () => {
    const index = buildCoinIndex(CONFIGURED, [
      listing('batcat', 'BTC', 1_000, 3000),
      listing('bitcoin', 'BTC', 1.9e12, 1),
      listing('tokamak-network', 'TON', 5e9, 90),
      listing('the-open-network', 'TON', 1.4e10, 25),
      listing('wrapped-bitcoin', 'WBTC', 1.2e10, 30),
    ]);
    const btc = index.bySymbol.get('BTC');
    assert.equal(btc?.coingeckoId, 'bitcoin');
    assert.equal(btc?.binancePair, 'BTCUSDT', 'configured names are kept');
    assert.equal(index.bySymbol.get('TON')?.coingeckoId, 'the-open-network');
    assert.deepEqual(index.byId.get('batcat'), {
      symbol: 'batcat',
      name: 'batcat',
      coingeckoId: 'batcat',
      sharesTicker: true,
    });
    assert.equal(index.byId.get('tokamak-network')?.symbol, 'tokamak-network');
    assert.equal(index.bySymbol.get('WBTC')?.binancePair, undefined, 'unlisted on Binance');
    assert.deepEqual(
      index.ranked.map((c) => c.symbol),
      ['BTC', 'TON', 'WBTC', 'tokamak-network', 'batcat'],
    );
  });

  it('keeps a configured coin missing from the list, by id when its ticker is taken', () => {
    const index = buildCoinIndex(CONFIGURED, [listing('toncoin-fork', 'TON', 9e10, 10)]);
    assert.equal(index.bySymbol.get('TON')?.coingeckoId, 'toncoin-fork');
    assert.equal(index.byId.get('the-open-network')?.symbol, 'the-open-network');
    assert.equal(index.bySymbol.get('BTC')?.coingeckoId, 'bitcoin');
  });

  it('reaches coins with unusual tickers by id only, and lists coins without a cap last', () => {
    const index = buildCoinIndex(
      [],
      [listing('tether-gold', 'XAU₮', 1e9, 50), listing('nocap', 'NOCAP', null, null)],
    );
    assert.equal(index.bySymbol.has('XAU₮'), false);
    assert.equal(index.byId.get('tether-gold')?.symbol, 'XAU₮');
    assert.deepEqual(
      index.ranked.map((c) => c.coingeckoId),
      ['tether-gold', 'nocap'],
    );
  });
});
