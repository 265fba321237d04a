import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { OkxAdapter } from '../../src/providers/upstreams/okx/okx.adapter';
import {
  callContext as ctx,
  catalogueCoin,
  providerErrorOf,
  useFakeUpstream,
} from '../support/upstream-harness';

const CANDLES = 'okx:/api/v5/market/candles';

/** OKX's own error shapes: codes inside HTTP 200, a numeric code on its 404. */
describe('OKX adapter: its errors and traps', () => {
  const upstream = useFakeUpstream();
  const fake = upstream.fake;
  const adapter = () => new OkxAdapter(upstream.http, upstream.config);
  const btc = () => catalogueCoin(upstream.config, 'BTC');

  beforeEach(() => fake.clear());

  it('51001 (unknown instrument, HTTP 200) is not_found', async () => {
    const error = await providerErrorOf(
      adapter().getCandles({
        coin: btc(),
        interval: '1h',
        limit: 5,
        pair: { okx: 'NOPE-EUR' },
        ctx: ctx(),
      }),
    );
    assert.equal(error.kind, 'not_found');
    assert.match(error.message, /code 51001/);
  });

  it('51000 (bad bar) is a bad request; 50011 over HTTP 429 is rate-limited', async () => {
    fake.inject(CANDLES, {
      type: 'status',
      status: 200,
      body: { code: '51000', msg: 'Parameter bar error', data: [] },
    });
    const bar = await providerErrorOf(
      adapter().getCandles({ coin: btc(), interval: '1h', limit: 5, ctx: ctx() }),
    );
    assert.equal(bar.kind, 'bad_request');
    fake.inject(CANDLES, {
      type: 'status',
      status: 429,
      retryAfter: 2,
      body: { msg: 'Too Many Requests', code: '50011' },
    });
    const limited = await providerErrorOf(
      adapter().getCandles({ coin: btc(), interval: '1h', limit: 5, ctx: ctx() }),
    );
    assert.equal(limited.kind, 'rate_limited');
  });

  it('the gateway 404 with a numeric code is not_found', async () => {
    fake.inject(CANDLES, {
      type: 'status',
      status: 404,
      body: {
        code: 404,
        data: {},
        detailMsg: '',
        error_code: '404',
        error_message: 'Not Found',
        msg: 'Not Found',
      },
    });
    const error = await providerErrorOf(
      adapter().getCandles({ coin: btc(), interval: '1h', limit: 5, ctx: ctx() }),
    );
    assert.equal(error.kind, 'not_found');
  });

  it('pages the latest candles backwards past 300 rows, oldest first, none twice', async () => {
    fake.resetCounts();
    const candles = await adapter().getCandles({
      coin: btc(),
      interval: '1m',
      limit: 450,
      ctx: ctx(),
    });
    assert.equal(fake.count(CANDLES), 2);
    assert.equal(candles.length, 450);
    const times = candles.map((c) => c.openTime.getTime());
    assert.ok(times.every((t, i) => i === 0 || t - times[i - 1] === 60_000));
  });

  it('lists only live spot instruments', async () => {
    const pairs = await adapter().listPairs({ ctx: ctx() });
    assert.ok(pairs.some((p) => p.symbol === 'ETH-BTC' && p.base === 'ETH' && p.quote === 'BTC'));
    assert.ok(!pairs.some((p) => p.symbol === 'LUNA-EUR'));
  });
});
