import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CacheService } from '../../src/core/cache';
import { ExchangePairRecord } from '../../src/market/entities/exchange-pair.entity';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

type Kline = [number, string, string, string, string, string];
/** Coinbase's row: time (s), low, high, open, close, volume; newest first. */
type CoinbaseRow = [number, number, number, number, number, number];
interface Served {
  open_time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  closed: boolean;
}

const HOUR = 3_600_000;
const fromKline = ([time, open, high, low, close, volume]: Kline) => ({
  open_time: new Date(time).toISOString(),
  open: Number(open),
  high: Number(high),
  low: Number(low),
  close: Number(close),
  volume: Number(volume),
});
const fromCoinbase = ([time, low, high, open, close, volume]: CoinbaseRow) => ({
  open_time: new Date(time * 1000).toISOString(),
  open,
  high,
  low,
  close,
  volume,
});
const withoutClosed = (rows: Served[]) => rows.map(({ closed: _closed, ...rest }) => rest);

describe('GET /api/ohlcv ranges, sources and listed pairs', () => {
  let t: FakeBackedApp;
  const get = (query: string) =>
    request(t.running.url).get(`/api/ohlcv?${query}`).set('x-api-key', ADMIN_KEY);
  const upstream = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${t.fake.baseUrl}${path}`)).json()) as T;

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

  it('since + limit from Binance: the first candles from since, exactly as served', async () => {
    const since = Math.floor(Date.now() / HOUR) * HOUR - 48 * HOUR;
    const res = await get(
      `symbol=BTCUSDT&interval=1h&since=${since}&limit=10&source=binance`,
    ).expect(200);
    const klines = await upstream<Kline[]>(
      `/binance-a/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=${since}&limit=10`,
    );
    assert.equal(res.body.meta.provider, 'binance');
    assert.equal(res.body.data[0].open_time, new Date(since).toISOString());
    assert.deepEqual(withoutClosed(res.body.data), klines.map(fromKline));
    assert.ok(res.body.data.every((c: Served) => c.closed));
  });

  it('since + limit from Coinbase: columns reordered, rows reversed, gaps left as gaps', async () => {
    const since = Math.floor(Date.now() / HOUR) * HOUR - 30 * HOUR;
    const res = await get(
      `symbol=BTC-USD&interval=1h&since=${since}&limit=40&source=coinbase`,
    ).expect(200);
    const served = t.fake.lastServed<CoinbaseRow[]>('coinbase:/products/:id/candles');
    assert.equal(res.body.meta.provider, 'coinbase');
    assert.ok(served[0][0] > served[1][0], 'the fake sends newest first');
    const expected = [...served].reverse().map(fromCoinbase);
    assert.deepEqual(withoutClosed(res.body.data), expected);
    assert.equal(res.body.data.at(-1).closed, false, 'the current hour is still forming');
    assert.ok(res.body.data.slice(0, -1).every((c: Served) => c.closed));
  });

  it('from/to (ISO and epoch seconds) on Binance and Coinbase give the same window', async () => {
    const to = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
    const from = to - 12 * HOUR;
    const query = `symbol=ETH&interval=1h&from=${new Date(from).toISOString()}&to=${to / 1000}`;
    const binance = await get(`${query}&source=binance`).expect(200);
    const klines = await upstream<Kline[]>(
      `/binance-a/api/v3/klines?symbol=ETHUSDT&interval=1h&startTime=${from}&endTime=${to}&limit=13`,
    );
    assert.deepEqual(withoutClosed(binance.body.data), klines.map(fromKline));
    const coinbase = await get(`${query}&source=coinbase`).expect(200);
    const served = t.fake.lastServed<CoinbaseRow[]>('coinbase:/products/:id/candles');
    assert.deepEqual(withoutClosed(coinbase.body.data), [...served].reverse().map(fromCoinbase));
    for (const res of [binance, coinbase]) {
      assert.ok(Date.parse(res.body.data[0].open_time) >= from);
      assert.ok(Date.parse(res.body.data.at(-1).open_time) <= to);
    }
  });

  it('since + limit from OKX: newest-first string rows reversed, numbers as served', async () => {
    const since = Math.floor(Date.now() / HOUR) * HOUR - 20 * HOUR;
    const res = await get(`symbol=ETH&interval=1h&since=${since}&limit=30&source=okx`).expect(200);
    const served = t.fake.lastServed<{ data: string[][] }>('okx:/api/v5/market/candles');
    assert.equal(res.body.meta.provider, 'okx');
    assert.equal(res.body.data.length, 21);
    assert.deepEqual(
      withoutClosed(res.body.data),
      [...served.data].reverse().map(([ts, open, high, low, close, volume]) => ({
        open_time: new Date(Number(ts)).toISOString(),
        open: Number(open),
        high: Number(high),
        low: Number(low),
        close: Number(close),
        volume: Number(volume),
      })),
    );
    assert.deepEqual(
      res.body.data.map((c: Served) => c.closed),
      served.data.map((row) => row[8] === '1').reverse(),
      'closed agrees with OKX confirm',
    );
    const pair = await get('symbol=ETH-BTC&interval=1d&limit=3&source=okx').expect(200);
    assert.deepEqual([pair.body.meta.symbol, pair.body.meta.quote], ['ETH', 'BTC']);
    assert.equal(pair.body.data.length, 3);
  });

  it('pages a range longer than one upstream call: two Binance calls, two Coinbase windows', async () => {
    const minute = 60_000;
    const to = Math.floor(Date.now() / minute) * minute - 10 * minute;
    const from = to - 1499 * minute;
    t.fake.resetCounts();
    const binance = await get(
      `symbol=SOL&interval=1m&from=${from / 1000}&to=${to / 1000}&source=binance`,
    ).expect(200);
    assert.equal(t.fake.count('binance'), 2);
    assert.equal(binance.body.data.length, 1500);
    const first = await upstream<Kline[]>(
      `/binance-a/api/v3/klines?symbol=SOLUSDT&interval=1m&startTime=${from}&endTime=${to}&limit=1000`,
    );
    const second = await upstream<Kline[]>(
      `/binance-a/api/v3/klines?symbol=SOLUSDT&interval=1m&startTime=${from + 1000 * minute}&endTime=${to}&limit=500`,
    );
    assert.deepEqual(withoutClosed(binance.body.data), [...first, ...second].map(fromKline));

    const coinbase = await get(
      `symbol=SOL&interval=1m&since=${from}&limit=400&source=coinbase`,
    ).expect(200);
    assert.equal(t.fake.count('coinbase:/products/:id/candles'), 2);
    assert.equal(coinbase.body.data.length, 400);
    const window2 = t.fake.lastServed<CoinbaseRow[]>('coinbase:/products/:id/candles');
    const window1 = await upstream<CoinbaseRow[]>(
      `/coinbase/products/SOL-USD/candles?granularity=60&start=${new Date(from).toISOString()}&end=${new Date(from + 299 * minute).toISOString()}`,
    );
    assert.deepEqual(
      withoutClosed(coinbase.body.data),
      [...[...window1].reverse(), ...[...window2].reverse()].map(fromCoinbase).slice(0, 400),
    );
    const times = coinbase.body.data.map((c: Served) => Date.parse(c.open_time));
    assert.ok(times.every((time: number, i: number) => i === 0 || time > times[i - 1]));
  });

  it('BTC-EUR from Coinbase and Kraken, ETHBTC from Binance and Kraken, via stored pair lists', async () => {
    const coinbase = await get('symbol=BTC-EUR&interval=1h&limit=5&source=coinbase').expect(200);
    assert.deepEqual([coinbase.body.meta.symbol, coinbase.body.meta.quote], ['BTC', 'EUR']);
    const cb = t.fake.lastServed<CoinbaseRow[]>('coinbase:/products/:id/candles');
    assert.deepEqual(
      withoutClosed(coinbase.body.data),
      [...cb].reverse().map(fromCoinbase).slice(-5),
    );

    const kraken = await get('symbol=BTC-EUR&interval=1h&limit=5&source=kraken').expect(200);
    const ohlc = t.fake.lastServed<{
      result: Record<string, [number, string, string, string, string, string, string][]>;
    }>('kraken:/0/public/OHLC');
    assert.deepEqual(
      withoutClosed(kraken.body.data),
      ohlc.result.XXBTZEUR.slice(-5).map(([time, open, high, low, close, , volume]) => ({
        open_time: new Date(time * 1000).toISOString(),
        open: Number(open),
        high: Number(high),
        low: Number(low),
        close: Number(close),
        volume: Number(volume),
      })),
    );
    // Same market, two venues: the fake prices both from one EUR rate.
    assert.equal(kraken.body.data.at(-1).open, coinbase.body.data.at(-1).open);

    const binance = await get('symbol=ETHBTC&interval=1h&limit=3&source=binance').expect(200);
    const klines = await upstream<Kline[]>(
      '/binance-a/api/v3/klines?symbol=ETHBTC&interval=1h&limit=3',
    );
    assert.deepEqual(withoutClosed(binance.body.data), klines.map(fromKline));
    assert.deepEqual([binance.body.meta.symbol, binance.body.meta.quote], ['ETH', 'BTC']);
    const krakenEthBtc = await get('symbol=ETHBTC&interval=1h&limit=3&source=kraken').expect(200);
    assert.equal(krakenEthBtc.body.meta.provider, 'kraken');
    assert.equal(krakenEthBtc.body.data.at(-1).open, binance.body.data.at(-1).open);
  });

  it('stores each exchange pair list with the assets translated and only trading pairs', async () => {
    await get('symbol=ETH-EUR&interval=1h&limit=2').expect(200);
    const repo = t.running.app.get(DataSource).getRepository(ExchangePairRecord);
    const kraken = await repo.findOneByOrFail({ exchange: 'kraken', symbol: 'XBTEUR' });
    assert.deepEqual([kraken.base, kraken.quote], ['BTC', 'EUR']);
    assert.ok(await repo.findOneBy({ exchange: 'coinbase', symbol: 'BTC-EUR' }));
    assert.equal(await repo.findOneBy({ exchange: 'coinbase', symbol: 'LUNA-EUR' }), null);
    assert.equal(await repo.findOneBy({ exchange: 'binance', symbol: 'LUNABTC' }), null);
    assert.ok((await repo.countBy({ exchange: 'binance' })) > 30);
  });

  it('checks the interval against the source: a 400 naming what it offers, failover skipping the rest', async () => {
    const bad = await get('symbol=BTC&interval=4h&source=coinbase').expect(400);
    assert.match(
      bad.body.message,
      /interval 4h is not offered by coinbase; it offers 1m, 5m, 15m, 1h, 6h, 1d/,
    );
    const ranged = await get(
      `symbol=BTC&interval=30m&source=coingecko&since=${Date.now() - HOUR}`,
    ).expect(400);
    assert.match(ranged.body.message, /coingecko serves only the latest candles/);
    const none = await get('symbol=BTC&interval=1s&source=kraken').expect(400);
    assert.match(none.body.message, /interval 1s is not offered by kraken/);
    t.fake.inject('binance', { type: 'status', status: 503 });
    const sixHours = await get('symbol=BTC&interval=6h&limit=3').expect(200);
    assert.equal(sixHours.body.meta.provider, 'coinbase');
    assert.deepEqual(
      sixHours.body.meta.attempted.map((a: { provider: string }) => a.provider),
      ['binance', 'coinbase'],
      'Kraken has no 6h candles and is not tried',
    );
  });

  it('404s a pair no exchange lists, naming the exchanges checked; 400s contradictory ranges', async () => {
    const unknown = await get('symbol=DOGE-EUR&interval=1h').expect(404);
    assert.match(
      unknown.body.message,
      /not a coin the service knows, nor a pair listed at binance, kraken, coinbase, okx/,
    );
    const notThere = await get('symbol=SOL-EUR&interval=1h&source=binance').expect(404);
    assert.match(notThere.body.message, /the pair is not listed at binance/);
    const there = await get('symbol=SOL-EUR&interval=1h&limit=2').expect(200);
    assert.equal(
      there.body.meta.provider,
      'coinbase',
      'the failover goes to the exchange listing it',
    );
    const both = await get(`symbol=BTC&since=${Date.now() - HOUR}&from=2026-01-01`).expect(400);
    assert.match(both.body.message, /since \(with limit\) or from\/to, not both/);
    const reversed = await get('symbol=BTC&from=2026-11-02&to=2026-11-01').expect(400);
    assert.match(reversed.body.message, /from must not be after to/);
    const huge = await get('symbol=BTC&interval=1m&from=2026-11-01&to=2026-11-03').expect(400);
    assert.match(huge.body.message, /at most 2000 per request/);
    await get('symbol=BTC&from=yesterday').expect(400);
  });

  it('serves a range from the database, marked stale, when every source fails', async () => {
    const since = Math.floor(Date.now() / HOUR) * HOUR - 12 * HOUR;
    const query = `symbol=BTC-EUR&interval=1h&since=${since}&limit=6`;
    const fresh = await get(query).expect(200);
    const again = await get(query).expect(200);
    assert.equal(again.body.meta.cached, true, 'a since query is cached despite its moving end');
    t.running.app.get(CacheService).invalidate('ohlcv:');
    for (const provider of ['binance', 'kraken', 'coinbase', 'okx']) {
      t.fake.inject(provider, { type: 'status', status: 503 });
    }
    const stale = await get(query).expect(200);
    assert.deepEqual([stale.body.meta.provider, stale.body.meta.stale], ['database', true]);
    assert.deepEqual(stale.body.data, fresh.body.data);
  });

  it('applies the tier history depth to ranges as to limit', async () => {
    const since = Date.now() - 30 * 86_400_000;
    const free = await request(t.running.url)
      .get(`/api/ohlcv?symbol=BTC&interval=1d&since=${since}&limit=5`)
      .expect(403);
    assert.match(free.body.message, /free tier allows 7 days of history/);
    await get(`symbol=BTC&interval=1d&since=${since}&limit=5`).expect(200);
  });
});
