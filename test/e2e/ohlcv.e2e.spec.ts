import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CacheService } from '../../src/core/cache';
import { Ohlcv } from '../../src/market/entities/ohlcv.entity';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

type Kline = [number, string, string, string, string, string];

describe('GET /api/ohlcv', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  beforeEach(() => {
    t.fake.clear();
    t.running.app.get(CacheService).invalidate('ohlcv:');
  });

  it('returns Binance candles oldest first, exactly as the upstream served them', async () => {
    const res = await api().get('/api/ohlcv?symbol=BTCUSDT&interval=1h&limit=24').expect(200);
    const upstream = (await (
      await fetch(`${t.fake.baseUrl}/binance-a/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=24`)
    ).json()) as Kline[];
    assert.equal(res.body.meta.provider, 'binance');
    assert.equal(res.body.meta.symbol, 'BTC');
    assert.equal(res.body.meta.count, 24);
    assert.deepEqual(
      res.body.data,
      upstream.map(([openTime, open, high, low, close, volume], i) => ({
        open_time: new Date(openTime).toISOString(),
        open: Number(open),
        high: Number(high),
        low: Number(low),
        close: Number(close),
        volume: Number(volume),
        // The newest hour is still forming.
        closed: i < upstream.length - 1,
      })),
    );
  });

  it('accepts BTC and BTC-USD for the same coin and stores each candle once', async () => {
    await api().get('/api/ohlcv?symbol=BTC&interval=4h&limit=10').expect(200);
    t.running.app.get(CacheService).invalidate('ohlcv:');
    const again = await api().get('/api/ohlcv?symbol=BTC-USD&interval=4h&limit=10').expect(200);
    assert.equal(again.body.meta.symbol, 'BTC');
    const rows = await t.running.app
      .get(DataSource)
      .getRepository(Ohlcv)
      .findBy({ symbol: 'BTC', interval: '4h' });
    assert.equal(rows.length, 10);
    assert.deepEqual(
      rows.map((r) => r.openTime.toISOString()).sort(),
      again.body.data.map((c: { open_time: string }) => c.open_time),
    );
  });

  it('format=csv returns text/csv that matches the JSON', async () => {
    const json = await api().get('/api/ohlcv?symbol=SOL&interval=15m&limit=20').expect(200);
    const csv = await api()
      .get('/api/ohlcv?symbol=SOL&interval=15m&limit=20&format=csv')
      .expect(200);
    assert.match(csv.headers['content-type'], /^text\/csv/);
    const records = parse<Record<string, string>>(csv.text, { columns: true });
    assert.deepEqual(
      records.map((r) => ({
        open_time: r.open_time,
        open: Number(r.open),
        high: Number(r.high),
        low: Number(r.low),
        close: Number(r.close),
        volume: Number(r.volume),
        closed: r.closed === 'true',
      })),
      json.body.data,
    );
  });

  it('falls back to Kraken when every Binance host fails', async () => {
    t.fake.inject('binance', { type: 'status', status: 503 });
    const res = await api().get('/api/ohlcv?symbol=ETHUSDT&interval=1h&limit=5').expect(200);
    assert.equal(res.body.meta.provider, 'kraken');
    assert.equal(res.body.data.length, 5);
    const times = res.body.data.map((c: { open_time: string }) => Date.parse(c.open_time));
    assert.ok(
      times.every((time: number, i: number) => i === 0 || time - times[i - 1] === 3_600_000),
    );
  });

  it('falls back to CoinGecko OHLC, then CryptoCompare, as each earlier source fails', async () => {
    t.fake.inject('binance', { type: 'status', status: 503 });
    t.fake.inject('kraken', { type: 'status', status: 503 });
    t.fake.inject('okx', { type: 'status', status: 503 });
    const gecko = await api().get('/api/ohlcv?symbol=BTC&interval=4h&limit=3').expect(200);
    assert.equal(gecko.body.meta.provider, 'coingecko');
    assert.deepEqual(
      gecko.body.meta.attempted.map((a: { provider: string; outcome: string }) => a.outcome),
      // Coinbase has no 4h candles: it is not tried.
      ['upstream_5xx', 'upstream_5xx', 'upstream_5xx', 'ok'],
    );
    assert.equal(gecko.body.data.length, 3);
    assert.ok(gecko.body.data.every((c: { volume: unknown }) => c.volume === null));
    t.fake.inject('coingecko', { type: 'status', status: 503 });
    t.fake.inject('coinbase', { type: 'status', status: 503 });
    const compare = await api().get('/api/ohlcv?symbol=ETH&interval=1d&limit=3').expect(200);
    assert.equal(compare.body.meta.provider, 'cryptocompare');
    assert.equal(compare.body.data.length, 3);
    assert.ok(compare.body.data.every((c: { volume: unknown }) => typeof c.volume === 'number'));
  });

  it('serves the stored candles, marked stale, when every source fails and nothing is cached', async () => {
    const fresh = await api().get('/api/ohlcv?symbol=SOL&interval=1h&limit=5').expect(200);
    t.running.app.get(CacheService).invalidate('ohlcv:');
    for (const provider of ['binance', 'kraken', 'coinbase', 'okx', 'coingecko', 'cryptocompare']) {
      t.fake.inject(provider, { type: 'status', status: 503 });
    }
    const res = await api().get('/api/ohlcv?symbol=SOL&interval=1h&limit=5').expect(200);
    assert.deepEqual([res.body.meta.provider, res.body.meta.stale], ['database', true]);
    assert.equal(res.body.meta.attempted.length, 5, 'every source offering 1h but CoinGecko');
    assert.deepEqual(res.body.data, fresh.body.data);
    const none = await api().get('/api/ohlcv?symbol=SOL&interval=4h&limit=5').expect(503);
    assert.match(none.body.message, /binance \(upstream_5xx/);
  });

  it('rejects bad parameters with a 400 that says what is allowed, and 404s unknown coins', async () => {
    const interval = await api().get('/api/ohlcv?symbol=BTC&interval=2m').expect(400);
    assert.match(interval.body.message, /interval must be one of 1s, 1m, 3m, 5m, 15m, 30m, 1h/);
    const limit = await api().get('/api/ohlcv?symbol=BTC&limit=1001').expect(400);
    assert.match(limit.body.message, /limit must be an integer from 1 to 1000/);
    await api().get('/api/ohlcv?symbol=B$C').expect(400);
    const unknown = await api().get('/api/ohlcv?symbol=NOPEUSDT').expect(404);
    assert.match(
      unknown.body.message,
      /^Unknown symbol "NOPEUSDT": not a coin the service knows, nor a pair listed at binance, kraken, coinbase, okx/,
    );
  });
});
