import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { CoinbaseAdapter } from '../../src/providers/upstreams/coinbase/coinbase.adapter';
import {
  callContext as ctx,
  catalogueCoin,
  providerErrorOf,
  useFakeUpstream,
} from '../support/upstream-harness';

const CANDLES = 'coinbase:/products/:id/candles';

/** Coinbase Exchange's own error shapes, beyond the generic fault matrix. */
describe('Coinbase Exchange adapter: its errors and traps', () => {
  const upstream = useFakeUpstream();
  const fake = upstream.fake;
  const adapter = () => new CoinbaseAdapter(upstream.http, upstream.config);
  const coin = (symbol: string) => catalogueCoin(upstream.config, symbol);

  beforeEach(() => fake.clear());

  it('a 400 {"message"} is a bad request carrying the message', async () => {
    fake.inject(CANDLES, {
      type: 'status',
      status: 400,
      body: {
        message:
          'granularity too small for the requested time range. Count of aggregations requested exceeds 300',
      },
    });
    const error = await providerErrorOf(
      adapter().getCandles({ coin: coin('BTC'), interval: '1m', limit: 10, ctx: ctx() }),
    );
    assert.equal(error.kind, 'bad_request');
    assert.match(error.message, /Count of aggregations requested exceeds 300/);
  });

  it('404 {"message":"NotFound"} is not_found; 429 rate-limited with its Retry-After', async () => {
    const missing = await providerErrorOf(
      adapter().getCandles({
        coin: coin('BTC'),
        interval: '1h',
        limit: 5,
        pair: { coinbase: 'NOPE-EUR' },
        ctx: ctx(),
      }),
    );
    assert.equal(missing.kind, 'not_found');
    fake.inject(CANDLES, {
      type: 'status',
      status: 429,
      retryAfter: 7,
      body: { message: 'Public rate limit exceeded' },
    });
    const limited = await providerErrorOf(
      adapter().getCandles({ coin: coin('BTC'), interval: '1h', limit: 5, ctx: ctx() }),
    );
    assert.equal(limited.kind, 'rate_limited');
    assert.equal(limited.retryAfterMs, 7000);
  });

  it('refuses intervals Coinbase does not have before asking it', async () => {
    fake.resetCounts();
    const error = await providerErrorOf(
      adapter().getCandles({ coin: coin('BTC'), interval: '4h', limit: 5, ctx: ctx() }),
    );
    assert.equal(error.kind, 'not_found');
    assert.equal(fake.count('coinbase'), 0);
  });

  it('prices leave out coins Coinbase does not list, and read the nanosecond time', async () => {
    const both = await adapter().getPrices({ coins: [coin('TRX'), coin('BTC')], ctx: ctx() });
    assert.deepEqual(
      both.map((q) => q.symbol),
      ['BTC'],
    );
    const quotes = await adapter().getPrices({ coins: [coin('BTC')], ctx: ctx() });
    const ticker = fake.lastServed<{ price: string; time: string }>(
      'coinbase:/products/:id/ticker',
    );
    assert.equal(quotes[0].price, Number(ticker.price));
    assert.equal(quotes[0].lastUpdated.getTime(), Date.parse(ticker.time));
    assert.equal(quotes[0].change24h, null);
  });

  it('lists only products trading now', async () => {
    const pairs = await adapter().listPairs({ ctx: ctx() });
    assert.ok(pairs.some((p) => p.symbol === 'BTC-EUR' && p.base === 'BTC' && p.quote === 'EUR'));
    assert.ok(!pairs.some((p) => p.symbol === 'LUNA-EUR'));
  });
});
