import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type AppConfig, loadConfig } from '../../src/core/config';
import { ProviderError, UpstreamHttpService } from '../../src/core/http';
import { OkxAdapter } from '../../src/providers/upstreams/okx/okx.adapter';
import { FakeUpstream } from '../fake-upstream/fake-upstream';
import { REPO_ROOT } from '../support/test-app';

const CANDLES = 'okx:/api/v5/market/candles';

/** OKX's own error shapes: codes inside HTTP 200, a numeric code on its 404. */
describe('OKX adapter: its errors and traps', () => {
  const fake = new FakeUpstream();
  let config: AppConfig;
  let http: UpstreamHttpService;
  let adapter: OkxAdapter;
  const ctx = () => ({ signal: AbortSignal.timeout(2000) });
  const btc = () => {
    const found = config.catalogue.coins.find((c) => c.symbol === 'BTC');
    assert.ok(found);
    return found;
  };
  const errorOf = async (pending: Promise<unknown>) => {
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof ProviderError, `not a ProviderError: ${String(error)}`);
    return error;
  };

  before(async () => {
    await fake.start();
    config = loadConfig(
      { ...fake.env(), NODE_ENV: 'test', DATA_DIR: '/tmp/unused' },
      { cwd: REPO_ROOT },
    );
    http = new UpstreamHttpService(config);
    adapter = new OkxAdapter(http, config);
  });

  beforeEach(() => fake.clear());

  after(async () => {
    http.onApplicationShutdown();
    await fake.stop();
  });

  it('51001 (unknown instrument, HTTP 200) is not_found', async () => {
    const error = await errorOf(
      adapter.getCandles({
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
    const bar = await errorOf(
      adapter.getCandles({ coin: btc(), interval: '1h', limit: 5, ctx: ctx() }),
    );
    assert.equal(bar.kind, 'bad_request');
    fake.inject(CANDLES, {
      type: 'status',
      status: 429,
      retryAfter: 2,
      body: { msg: 'Too Many Requests', code: '50011' },
    });
    const limited = await errorOf(
      adapter.getCandles({ coin: btc(), interval: '1h', limit: 5, ctx: ctx() }),
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
    const error = await errorOf(
      adapter.getCandles({ coin: btc(), interval: '1h', limit: 5, ctx: ctx() }),
    );
    assert.equal(error.kind, 'not_found');
  });

  it('pages the latest candles backwards past 300 rows, oldest first, none twice', async () => {
    fake.resetCounts();
    const candles = await adapter.getCandles({
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
    const pairs = await adapter.listPairs({ ctx: ctx() });
    assert.ok(pairs.some((p) => p.symbol === 'ETH-BTC' && p.base === 'ETH' && p.quote === 'BTC'));
    assert.ok(!pairs.some((p) => p.symbol === 'LUNA-EUR'));
  });
});
