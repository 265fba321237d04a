import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppConfig } from '../../src/core/config';
import { ProviderError, type ProviderErrorKind, UpstreamHttpService } from '../../src/core/http';
import { CoinListingsView } from '../../src/providers/coin-ids/coin-listings.view';
import { CoinLoreAdapter } from '../../src/providers/upstreams/coinlore/coinlore.adapter';
import { CoinPaprikaAdapter } from '../../src/providers/upstreams/coinpaprika/coinpaprika.adapter';
import type { Fault } from '../fake-upstream/fake-upstream';
import { useFakeUpstream } from '../support/upstream-harness';

type Outcome = 'ok' | ProviderErrorKind;
type Call = (config: AppConfig, http: UpstreamHttpService, signal: AbortSignal) => Promise<unknown>;

const coins = (config: AppConfig, ...symbols: string[]) =>
  config.catalogue.coins.filter((c) => symbols.includes(c.symbol));
const paprika = (c: AppConfig, h: UpstreamHttpService) =>
  new CoinPaprikaAdapter(h, c, new CoinListingsView(c));
const lore = (c: AppConfig, h: UpstreamHttpService) =>
  new CoinLoreAdapter(h, c, new CoinListingsView(c));

/** Representative calls of each adapter, with what an empty answer must become. */
const CASES: Record<string, { target: string; call: Call; empty: Outcome }> = {
  'coinpaprika /global': {
    target: 'coinpaprika:/v1/global',
    call: (c, h, signal) => paprika(c, h).getGlobal({ ctx: { signal } }),
    empty: 'bad_payload',
  },
  'coinpaprika /tickers (prices)': {
    target: 'coinpaprika:/v1/tickers',
    call: (c, h, signal) =>
      paprika(c, h).getPrices({ coins: coins(c, 'BTC', 'ETH'), ctx: { signal } }),
    // The free plan always lists 2,000 coins: none is a broken answer.
    empty: 'bad_payload',
  },
  'coinpaprika /tickers/{id} (coin detail)': {
    target: 'coinpaprika:/v1/tickers/:id',
    call: (c, h, signal) => paprika(c, h).getCoinDetail({ id: 'bitcoin', ctx: { signal } }),
    // An object without the ticker's fields.
    empty: 'bad_payload',
  },
  'coinpaprika /search (coin detail id mapping)': {
    target: 'coinpaprika:/v1/search',
    call: (c, h, signal) => paprika(c, h).getCoinDetail({ id: 'bitcoin', ctx: { signal } }),
    // No coin found: the coin is not served here, which is no fault of the upstream.
    empty: 'not_found',
  },
  'coinlore /global/': {
    target: 'coinlore:/api/global/',
    call: (c, h, signal) => lore(c, h).getGlobal({ ctx: { signal } }),
    empty: 'bad_payload',
  },
  'coinlore /tickers/ (top coins)': {
    target: 'coinlore:/api/tickers/',
    call: (c, h, signal) => lore(c, h).getTopCoins({ limit: 5, ctx: { signal } }),
    empty: 'bad_payload',
  },
};

const FAULTS: { name: string; fault: Fault; expect: (target: string) => Outcome }[] = [
  { name: 'hanging', fault: { type: 'hang' }, expect: () => 'timeout' },
  { name: 'connection reset', fault: { type: 'reset' }, expect: () => 'network' },
  { name: 'HTTP 500', fault: { type: 'status', status: 500 }, expect: () => 'upstream_5xx' },
  {
    name: '429 with Retry-After',
    fault: {
      type: 'status',
      status: 429,
      retryAfter: 30,
      body: { error: 'you have reached maximum request limit' },
    },
    expect: () => 'rate_limited',
  },
  {
    name: '402 plan limit',
    fault: {
      type: 'status',
      status: 402,
      body: { error: 'Getting historical OHLCV data before … is not allowed in this plan.' },
    },
    // CoinPaprika's plan refusal; CoinLore has no plans, so for it a 402 is a plain refusal.
    expect: (target) => (target.startsWith('coinpaprika') ? 'auth' : 'bad_request'),
  },
  {
    name: '404 {"error":"id not found"}',
    fault: { type: 'status', status: 404, body: { error: 'id not found' } },
    expect: () => 'not_found',
  },
  { name: 'HTML page with 200', fault: { type: 'html' }, expect: () => 'bad_payload' },
  { name: '{"error": …} inside a 200', fault: { type: 'error200' }, expect: () => 'bad_payload' },
  { name: 'malformed JSON', fault: { type: 'malformed' }, expect: () => 'bad_payload' },
  { name: 'truncated JSON', fault: { type: 'truncated' }, expect: () => 'bad_payload' },
  { name: 'wrong field types', fault: { type: 'wrongTypes' }, expect: () => 'bad_payload' },
];

async function outcomeOf(
  pending: Promise<unknown>,
): Promise<{ outcome: Outcome; error?: ProviderError }> {
  try {
    const value = await pending;
    return { outcome: Array.isArray(value) && value.length === 0 ? 'not_found' : 'ok' };
  } catch (error) {
    assert.ok(error instanceof ProviderError, `not a ProviderError: ${String(error)}`);
    return { outcome: error.kind, error };
  }
}

describe('CoinPaprika and CoinLore fault matrix', () => {
  const upstream = useFakeUpstream();
  const fake = upstream.fake;

  for (const [name, c] of Object.entries(CASES)) {
    describe(name, () => {
      it('answers normally without faults', async () => {
        fake.clear();
        assert.equal(
          (await outcomeOf(c.call(upstream.config, upstream.http, AbortSignal.timeout(2000))))
            .outcome,
          'ok',
        );
      });

      for (const { name: faultName, fault, expect } of [
        ...FAULTS,
        { name: 'empty results', fault: { type: 'empty' } as Fault, expect: () => c.empty },
      ]) {
        it(`${faultName} -> ${expect(c.target)}`, async () => {
          fake.clear();
          fake.inject(c.target, fault);
          const { outcome, error } = await outcomeOf(
            c.call(upstream.config, upstream.http, AbortSignal.timeout(400)),
          );
          fake.clear();
          assert.equal(outcome, expect(c.target));
          if (fault.type === 'status' && fault.retryAfter) {
            assert.equal(error?.retryAfterMs, 30_000);
          }
        });
      }
    });
  }

  it("names CoinPaprika's plan message in a 402's error", async () => {
    fake.inject('coinpaprika:/v1/global', {
      type: 'status',
      status: 402,
      body: { error: 'Getting historical OHLCV data before now is not allowed in this plan.' },
    });
    const { error } = await outcomeOf(
      paprika(upstream.config, upstream.http).getGlobal({
        ctx: { signal: AbortSignal.timeout(2000) },
      }),
    );
    fake.clear();
    assert.match(error?.message ?? '', /HTTP 402 plan limit: Getting historical OHLCV data/);
  });

  it('parses CoinLore numbers sent as strings, and refuses a string that is not a number', async () => {
    const top = await lore(upstream.config, upstream.http).getTopCoins({
      limit: 2,
      ctx: { signal: AbortSignal.timeout(2000) },
    });
    const { data } = fake.lastServed<{ data: { price_usd: string; market_cap_usd: string }[] }>(
      'coinlore:/api/tickers/',
    );
    assert.deepEqual(
      top.map((c) => [c.price, c.marketCap]),
      data.slice(0, 2).map((r) => [Number(r.price_usd), Number(r.market_cap_usd)]),
    );
    fake.inject('coinlore:/api/tickers/', {
      type: 'status',
      status: 200,
      body: { data: [{ ...data[0], price_usd: '94,201.55' }], info: { coins_num: 1, time: 1 } },
    });
    const { outcome } = await outcomeOf(
      lore(upstream.config, upstream.http).getTopCoins({
        limit: 2,
        ctx: { signal: AbortSignal.timeout(2000) },
      }),
    );
    fake.clear();
    assert.equal(outcome, 'bad_payload');
  });

  it('takes CoinLore /global/ and /ticker/ only as arrays; an empty /ticker/ body is "none"', async () => {
    const { body } = { body: fake.lastServed<unknown[]>('coinlore:/api/global/') };
    fake.inject('coinlore:/api/global/', { type: 'status', status: 200, body: body[0] });
    const asObject = await outcomeOf(
      lore(upstream.config, upstream.http).getGlobal({
        ctx: { signal: AbortSignal.timeout(2000) },
      }),
    );
    fake.clear();
    assert.equal(asObject.outcome, 'bad_payload');
    const adapter = lore(upstream.config, upstream.http);
    const signal = AbortSignal.timeout(2000);
    await adapter.getPrices({ coins: coins(upstream.config, 'BTC'), ctx: { signal } });
    fake.inject('coinlore:/api/ticker/', { type: 'status', status: 200, body: '' });
    const none = await outcomeOf(
      adapter.getPrices({ coins: coins(upstream.config, 'BTC'), ctx: { signal } }),
    );
    fake.clear();
    assert.equal(none.outcome, 'not_found');
  });
});
