import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoinTagger } from './coin-tagger';

const tagger = new CoinTagger([
  { symbol: 'BTC', name: 'Bitcoin', coingeckoId: 'bitcoin' },
  { symbol: 'ETH', name: 'Ethereum', coingeckoId: 'ethereum' },
  { symbol: 'BCH', name: 'Bitcoin Cash', coingeckoId: 'bitcoin-cash' },
  { symbol: 'POL', name: 'POL (ex-MATIC)', coingeckoId: 'polygon' },
  { symbol: 'OP', name: 'Optimism', coingeckoId: 'optimism' },
]);

describe('CoinTagger', () => {
  it('finds coins by capitalised ticker, $ticker and name, in the coins order', () => {
    assert.deepEqual(tagger.tag('$ETH rallies while Bitcoin stalls'), ['BTC', 'ETH']);
    assert.deepEqual(tagger.tag('BTC-USD breaks out'), ['BTC']);
  });

  it('does not tag words that merely contain a ticker or lower-case tickers', () => {
    assert.deepEqual(tagger.tag('Ethernet cables and the top of the market'), []);
    assert.deepEqual(tagger.tag('op-ed: eth is money'), []);
  });

  it('matches the longest name first and escapes names with punctuation', () => {
    assert.deepEqual(tagger.tag('Bitcoin Cash forks again'), ['BCH']);
    assert.deepEqual(tagger.tag('POL (ex-MATIC) migration ends'), ['POL']);
  });
});
