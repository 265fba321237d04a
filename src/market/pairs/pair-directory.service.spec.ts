import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { krakenAsset } from '../../providers/upstreams/kraken/kraken.coins';
import { mostListed, pairSplits } from './pair-directory.service';

describe('pair names', () => {
  it('splits dashed pairs once and run-together pairs every way', () => {
    assert.deepEqual(pairSplits('btc-eur'), [{ base: 'BTC', quote: 'EUR' }]);
    assert.deepEqual(pairSplits('ETHBTC'), [
      { base: 'ET', quote: 'HBTC' },
      { base: 'ETH', quote: 'BTC' },
      { base: 'ETHB', quote: 'TC' },
    ]);
    assert.deepEqual(pairSplits('BTC'), []);
  });

  it('translates Kraken asset codes, legacy prefixes only on legacy codes', () => {
    assert.equal(krakenAsset('XXBT', true), 'BTC');
    assert.equal(krakenAsset('ZEUR', true), 'EUR');
    assert.equal(krakenAsset('XXDG', true), 'DOGE');
    assert.equal(krakenAsset('XBT', false), 'BTC');
    assert.equal(krakenAsset('SOL', true), 'SOL');
    assert.equal(krakenAsset('XTZ', true), 'XTZ');
  });

  it('picks the split most exchanges list, with each exchange id', () => {
    const row = (exchange: string, symbol: string, base: string, quote: string) => ({
      exchange,
      symbol,
      base,
      quote,
    });
    assert.deepEqual(
      mostListed([
        row('binance', 'ETHBTC', 'ETH', 'BTC'),
        row('odd', 'ETHBTC', 'ETHB', 'TC'),
        row('kraken', 'ETHXBT', 'ETH', 'BTC'),
      ]),
      { base: 'ETH', quote: 'BTC', ids: { binance: 'ETHBTC', kraken: 'ETHXBT' } },
    );
    assert.equal(mostListed([]), undefined);
  });
});
