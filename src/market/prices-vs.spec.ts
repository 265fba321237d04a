import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Conversion } from '../currencies/currency-table';
import type { PriceDto } from './dto/prices.dto';
import { priceRows, quoteInCurrencies } from './prices-vs';

const BTC: PriceDto = {
  symbol: 'BTC',
  name: 'Bitcoin',
  price: 100_000,
  change_24h: 1.5,
  volume_24h: 2_000,
  market_cap: null,
  last_updated: '2026-11-28T02:00:00.000Z',
  last_updated_source: 'provider',
  provider: 'binance',
};
const EUR: Conversion = {
  from: 'usd',
  rate: 0.9,
  source: 'frankfurter',
  asOf: '2026-11-27',
  stale: false,
};
const rates: Record<string, Conversion> = { eur: EUR };

describe('prices in other currencies', () => {
  it('prefers the direct quote, converts otherwise and lists what it could do neither for', () => {
    const result = quoteInCurrencies({
      prices: [BTC],
      codes: ['usd', 'btc', 'eur', 'vef'],
      direct: {
        quotes: { BTC: { btc: { price: 1, marketCap: null, volume24h: null, change24h: 0 } } },
        provider: 'coingecko',
        attempted: [{ provider: 'coingecko', outcome: 'ok' }],
      },
      conversionTo: (code) => rates[code],
    });
    const quotes = result.data[0].quotes;
    assert.equal(quotes?.usd.price, 100_000);
    assert.deepEqual(quotes?.btc, {
      price: 1,
      market_cap: null,
      volume_24h: null,
      change_24h: 0,
      provider: 'coingecko',
      converted: false,
    });
    assert.deepEqual(quotes?.eur, {
      price: 90_000,
      market_cap: null,
      volume_24h: 1_800,
      change_24h: null,
      provider: 'binance',
      converted: true,
    });
    assert.deepEqual(result.converted, { eur: EUR });
    assert.equal(result.unavailable[0].currency, 'vef');
    assert.deepEqual(result.unavailable[0].symbols, ['BTC']);
  });

  it('fails when not one currency asked for can be served', () => {
    assert.throws(
      () =>
        quoteInCurrencies({
          prices: [BTC],
          codes: ['vef'],
          direct: { quotes: {}, provider: null, attempted: [] },
          conversionTo: () => undefined,
        }),
      /vef/,
    );
  });

  it('flattens to one CSV row per coin and currency, USD alone without quotes', () => {
    assert.deepEqual(
      priceRows([BTC]).map((r) => [r.symbol, r.currency, r.price, r.converted]),
      [['BTC', 'usd', 100_000, 'false']],
    );
  });
});
