import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../core/http';
import { CoinIdMap } from '../../coin-ids/coin-id-map';
import { pickPaprikaId, toCoinDetail } from './coinpaprika.detail';
import { tickerDetailSchema } from './coinpaprika.schemas';

const listing = (id: string, symbol: string, name: string) => ({
  id,
  symbol,
  name,
  marketCap: null,
  rank: null,
});
const hit = (id: string, symbol: string, name: string, active = true) => ({
  id,
  symbol,
  name,
  is_active: active,
});

describe('CoinPaprika coin detail', () => {
  const map = new CoinIdMap([
    listing('bitcoin', 'BTC', 'Bitcoin'),
    listing('batcat', 'BTC', 'Batcat'),
    listing('wrapped-bitcoin', 'WBTC', 'Wrapped Bitcoin'),
  ]);

  it('picks the one active coin that maps back on ticker and name', () => {
    const hits = [
      hit('wbtc-wrapped-bitcoin', 'WBTC', 'Wrapped Bitcoin'),
      hit('btc-batcat', 'BTC', 'Batcat'),
      hit('btc-bitcoin', 'BTC', 'Bitcoin'),
    ];
    assert.equal(pickPaprikaId('bitcoin', hits, map), 'btc-bitcoin');
    assert.equal(pickPaprikaId('batcat', hits, map), 'btc-batcat');
  });

  it('maps nothing rather than guess: none, only inactive, or two alike', () => {
    const notFound = (hits: ReturnType<typeof hit>[]) =>
      assert.throws(
        () => pickPaprikaId('bitcoin', hits, map),
        (e: unknown) => e instanceof ProviderError && e.kind === 'not_found',
      );
    notFound([hit('btc-bitcoin-cash', 'BCH', 'Bitcoin Cash')]);
    notFound([hit('btc-bitcoin', 'BTC', 'Bitcoin', false)]);
    notFound([hit('btc-bitcoin', 'BTC', 'Bitcoin'), hit('btc-bitcoin2', 'BTC', 'bitcoin')]);
  });

  it('keeps what the ticker has, null for the rest; "" and max supply 0 are "none"', () => {
    const body = tickerDetailSchema.parse({
      id: 'eth-ethereum',
      name: 'Ethereum',
      symbol: 'ETH',
      rank: 2,
      total_supply: 120_000_000,
      max_supply: 0,
      last_updated: '2026-11-28T01:13:29Z',
      quotes: {
        USD: {
          price: 3100,
          volume_24h: '',
          market_cap: 3.7e11,
          ath_price: 4900,
          ath_date: '2025-08-24T00:00:00Z',
          percent_from_price_ath: -36.7,
        },
        ETH: { price: 1, ath_price: null, ath_date: null, percent_from_price_ath: null },
      },
    });
    const detail = toCoinDetail('ethereum', body);
    assert.deepEqual(detail.supply, { circulating: null, total: 120_000_000, max: null });
    assert.deepEqual(Object.keys(detail.currencies), ['usd', 'eth']);
    assert.equal(detail.currencies.usd.volume24h, null);
    assert.equal(detail.currencies.usd.athChangePct, -36.7);
    assert.equal(detail.currencies.eth.ath, null);
    assert.equal(detail.currencies.usd.high24h, null);
    assert.deepEqual([detail.links, detail.categories, detail.platforms], [null, null, null]);
    assert.equal(detail.marketCapRank, 2);
  });
});
