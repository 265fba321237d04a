import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppConfig } from '../../src/core/config';
import { ProviderError, type ProviderErrorKind, UpstreamHttpService } from '../../src/core/http';
import { AlternativeMeAdapter } from '../../src/providers/upstreams/alternative-me/alternative-me.adapter';
import { BinanceAdapter } from '../../src/providers/upstreams/binance/binance.adapter';
import { CoinbaseAdapter } from '../../src/providers/upstreams/coinbase/coinbase.adapter';
import { CoinCapAdapter } from '../../src/providers/upstreams/coincap/coincap.adapter';
import { CoinGeckoAdapter } from '../../src/providers/upstreams/coingecko/coingecko.adapter';
import { CryptoCompareAdapter } from '../../src/providers/upstreams/cryptocompare/cryptocompare.adapter';
import { DefiLlamaAdapter } from '../../src/providers/upstreams/defillama/defillama.adapter';
import { EtherscanAdapter } from '../../src/providers/upstreams/etherscan/etherscan.adapter';
import { FrankfurterAdapter } from '../../src/providers/upstreams/frankfurter/frankfurter.adapter';
import { KrakenAdapter } from '../../src/providers/upstreams/kraken/kraken.adapter';
import { OkxAdapter } from '../../src/providers/upstreams/okx/okx.adapter';
import { RssAdapter } from '../../src/providers/upstreams/rss/rss.adapter';
import type { Fault } from '../fake-upstream/fake-upstream';
import { useFakeUpstream } from '../support/upstream-harness';

type Outcome = 'ok' | ProviderErrorKind;

interface AdapterCase {
  /** Fake route prefix the faults go to. */
  target: string;
  /** One representative call; an empty array counts as not_found, as the registry sees it. */
  call: (config: AppConfig, http: UpstreamHttpService, signal: AbortSignal) => Promise<unknown>;
  error200: Outcome;
  empty: Outcome;
}

const coin = (config: AppConfig, symbol: string) => {
  const found = config.catalogue.coins.find((c) => c.symbol === symbol);
  assert.ok(found);
  return found;
};

const ADAPTERS: Record<string, AdapterCase> = {
  coingecko: {
    target: 'coingecko',
    call: (c, h, signal) =>
      new CoinGeckoAdapter(h, c).getPrices({
        coins: [coin(c, 'BTC'), coin(c, 'ETH')],
        ctx: { signal },
      }),
    error200: 'bad_payload',
    empty: 'not_found',
  },
  'coingecko market pages': {
    target: 'coingecko:/api/v3/coins/markets',
    call: (c, h, signal) =>
      new CoinGeckoAdapter(h, c).getMarketPage({
        page: 2,
        perPage: 5,
        order: 'volume_desc',
        ctx: { signal },
      }),
    error200: 'bad_payload',
    empty: 'not_found',
  },
  'coingecko history ranges': {
    target: 'coingecko:/api/v3/coins/:id/market_chart/range',
    call: (c, h, signal) =>
      new CoinGeckoAdapter(h, c).getPriceHistory({
        coin: coin(c, 'ETH'),
        from: new Date(Date.now() - 3 * 86_400_000),
        to: new Date(Date.now() - 2 * 86_400_000),
        ctx: { signal },
      }),
    error200: 'bad_payload',
    empty: 'not_found',
  },
  'coingecko coin list': {
    target: 'coingecko:/api/v3/coins/list',
    call: (c, h, signal) => new CoinGeckoAdapter(h, c).getCoinList({ ctx: { signal } }),
    error200: 'bad_payload',
    empty: 'not_found',
  },
  'coingecko coin detail': {
    target: 'coingecko:/api/v3/coins/:id',
    call: (c, h, signal) =>
      new CoinGeckoAdapter(h, c).getCoinDetail({ id: 'bitcoin', ctx: { signal } }),
    error200: 'bad_payload',
    empty: 'bad_payload',
  },
  binance: {
    target: 'binance',
    call: (c, h, signal) =>
      new BinanceAdapter(h, c).getCandles({
        coin: coin(c, 'BTC'),
        interval: '1h',
        limit: 24,
        ctx: { signal },
      }),
    error200: 'bad_payload',
    empty: 'not_found',
  },
  kraken: {
    target: 'kraken',
    call: (c, h, signal) =>
      new KrakenAdapter(h, c).getPrices({ coins: [coin(c, 'BTC')], ctx: { signal } }),
    error200: 'upstream_5xx',
    empty: 'not_found',
  },
  coincap: {
    target: 'coincap',
    call: (c, h, signal) =>
      new CoinCapAdapter(h, c).getPrices({ coins: [coin(c, 'BTC')], ctx: { signal } }),
    error200: 'auth',
    empty: 'not_found',
  },
  cryptocompare: {
    target: 'cryptocompare',
    call: (c, h, signal) =>
      new CryptoCompareAdapter(h, c).getCandles({
        coin: coin(c, 'ETH'),
        interval: '4h',
        limit: 10,
        ctx: { signal },
      }),
    error200: 'rate_limited',
    empty: 'not_found',
  },
  defillama: {
    target: 'defillama',
    call: (c, h, signal) => new DefiLlamaAdapter(h, c).getProtocols({ ctx: { signal } }),
    error200: 'bad_payload',
    // Every protocol is listed: an empty list is a broken answer, not "none exist".
    empty: 'bad_payload',
  },
  'alternative-me': {
    target: 'alternative-me',
    call: (c, h, signal) => new AlternativeMeAdapter(h, c).getIndex({ limit: 7, ctx: { signal } }),
    error200: 'upstream_5xx',
    empty: 'bad_payload',
  },
  etherscan: {
    target: 'etherscan',
    call: (c, h, signal) => new EtherscanAdapter(h, c).getGasOracle({ ctx: { signal } }),
    error200: 'rate_limited',
    empty: 'bad_payload',
  },
  frankfurter: {
    target: 'frankfurter',
    call: (c, h, signal) => new FrankfurterAdapter(h, c).getUsdRates({ ctx: { signal } }),
    error200: 'bad_payload',
    // Rates without the dollar cannot be crossed to it.
    empty: 'bad_payload',
  },
  'coingecko exchange rates': {
    target: 'coingecko:/api/v3/exchange_rates',
    call: (c, h, signal) => new CoinGeckoAdapter(h, c).getUsdRates({ ctx: { signal } }),
    error200: 'bad_payload',
    empty: 'bad_payload',
  },
  'coingecko prices in other currencies': {
    target: 'coingecko:/api/v3/simple/price',
    call: (c, h, signal) =>
      new CoinGeckoAdapter(h, c).getQuotesIn({
        coins: [coin(c, 'BTC')],
        currencies: ['eur', 'btc'],
        ctx: { signal },
      }),
    error200: 'bad_payload',
    empty: 'not_found',
  },
  coinbase: {
    target: 'coinbase',
    call: (c, h, signal) =>
      new CoinbaseAdapter(h, c).getCandles({
        coin: coin(c, 'BTC'),
        interval: '1h',
        limit: 24,
        range: { start: new Date(Date.now() - 30 * 3_600_000), end: new Date() },
        ctx: { signal },
      }),
    // Coinbase reports errors as {"message": …}: inside a 200 it is no candle list.
    error200: 'bad_payload',
    empty: 'not_found',
  },
  'coinbase prices': {
    target: 'coinbase',
    call: (c, h, signal) =>
      new CoinbaseAdapter(h, c).getPrices({
        coins: [coin(c, 'BTC'), coin(c, 'ETH')],
        ctx: { signal },
      }),
    error200: 'bad_payload',
    // A 404 per product means the coins are not listed there: nothing to return.
    empty: 'bad_payload',
  },
  okx: {
    target: 'okx',
    call: (c, h, signal) =>
      new OkxAdapter(h, c).getCandles({
        coin: coin(c, 'ETH'),
        interval: '1h',
        limit: 24,
        range: { start: new Date(Date.now() - 30 * 3_600_000), end: new Date() },
        ctx: { signal },
      }),
    // OKX's 200 with code 50011 is its rate limit.
    error200: 'rate_limited',
    empty: 'not_found',
  },
  rss: {
    target: 'rss',
    call: (c, h, signal) =>
      new RssAdapter(h, c).fetchFeed({ url: c.upstreams.rss.feeds[0].url, ctx: { signal } }),
    error200: 'bad_payload',
    // A feed with no items is a valid, quiet feed.
    empty: 'ok',
  },
};

const FAULTS: { name: string; fault: Fault; expect: (a: AdapterCase) => Outcome }[] = [
  { name: 'slow but in time', fault: { type: 'delay', ms: 50 }, expect: () => 'ok' },
  { name: 'hanging', fault: { type: 'hang' }, expect: () => 'timeout' },
  { name: 'connection reset', fault: { type: 'reset' }, expect: () => 'network' },
  { name: 'HTTP 500', fault: { type: 'status', status: 500 }, expect: () => 'upstream_5xx' },
  { name: 'HTTP 503', fault: { type: 'status', status: 503 }, expect: () => 'upstream_5xx' },
  {
    name: '429 with Retry-After',
    fault: { type: 'status', status: 429, retryAfter: 30 },
    expect: () => 'rate_limited',
  },
  {
    name: '429 without Retry-After',
    fault: { type: 'status', status: 429 },
    expect: () => 'rate_limited',
  },
  {
    name: '418 IP ban',
    fault: { type: 'status', status: 418, retryAfter: 120 },
    expect: () => 'rate_limited',
  },
  {
    name: '451 restricted location',
    fault: { type: 'status', status: 451 },
    expect: () => 'geo_blocked',
  },
  { name: '401 key', fault: { type: 'status', status: 401 }, expect: () => 'auth' },
  { name: '404', fault: { type: 'status', status: 404 }, expect: () => 'not_found' },
  {
    name: 'Cloudflare 403 HTML',
    fault: { type: 'html', status: 403 },
    expect: () => 'geo_blocked',
  },
  { name: 'HTML page with 200', fault: { type: 'html' }, expect: () => 'bad_payload' },
  { name: 'error inside a 200', fault: { type: 'error200' }, expect: (a) => a.error200 },
  { name: 'malformed JSON', fault: { type: 'malformed' }, expect: () => 'bad_payload' },
  { name: 'truncated JSON', fault: { type: 'truncated' }, expect: () => 'bad_payload' },
  { name: 'wrong field types', fault: { type: 'wrongTypes' }, expect: () => 'bad_payload' },
  { name: 'empty results', fault: { type: 'empty' }, expect: (a) => a.empty },
];

async function outcomeOf(pending: Promise<unknown>): Promise<Outcome> {
  try {
    const value = await pending;
    return Array.isArray(value) && value.length === 0 ? 'not_found' : 'ok';
  } catch (error) {
    assert.ok(error instanceof ProviderError, `not a ProviderError: ${String(error)}`);
    return error.kind;
  }
}

describe('adapter fault matrix', () => {
  const upstream = useFakeUpstream({
    COINCAP_API_KEY: 'test-coincap',
    CRYPTOCOMPARE_API_KEY: 'test-cc',
    ETHERSCAN_API_KEY: 'test-etherscan',
  });
  const fake = upstream.fake;

  for (const [name, adapter] of Object.entries(ADAPTERS)) {
    describe(name, () => {
      it('answers normally without faults', async () => {
        fake.clear();
        assert.equal(
          await outcomeOf(adapter.call(upstream.config, upstream.http, AbortSignal.timeout(2000))),
          'ok',
        );
      });

      for (const { name: faultName, fault, expect } of FAULTS) {
        it(`${faultName} -> ${expect(adapter)}`, async () => {
          fake.clear();
          fake.inject(adapter.target, fault);
          const outcome = await outcomeOf(
            adapter.call(upstream.config, upstream.http, AbortSignal.timeout(400)),
          );
          fake.clear();
          assert.equal(outcome, expect(adapter));
        });
      }
    });
  }

  it("CoinGecko's 365-day limit (error 10012 in a 401) is a bad request, not a key problem", async () => {
    fake.clear();
    const outcome = await new CoinGeckoAdapter(upstream.http, upstream.config)
      .getPriceHistory({
        coin: coin(upstream.config, 'BTC'),
        from: new Date(Date.now() - 400 * 86_400_000),
        to: new Date(Date.now() - 399 * 86_400_000),
        ctx: { signal: AbortSignal.timeout(2000) },
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.ok(outcome instanceof ProviderError);
    assert.equal(outcome.kind, 'bad_request');
    assert.match(outcome.message, /error 10012/);
  });
});
