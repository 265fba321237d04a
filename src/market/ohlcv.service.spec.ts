import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseSymbol } from './ohlcv.service';

describe('baseSymbol', () => {
  it('reads the coin out of pair notations', () => {
    assert.equal(baseSymbol('BTCUSDT'), 'BTC');
    assert.equal(baseSymbol('ethusdc'), 'ETH');
    assert.equal(baseSymbol('BTC-USD'), 'BTC');
    assert.equal(baseSymbol('sol'), 'SOL');
    assert.equal(baseSymbol('OPUSD'), 'OP');
  });

  it('leaves tickers that merely end in USD-like letters alone when too short', () => {
    assert.equal(baseSymbol('USDT'), 'USDT');
    assert.equal(baseSymbol('USDC'), 'USDC');
  });
});
