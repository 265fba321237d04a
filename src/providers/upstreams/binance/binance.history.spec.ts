import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { historyInterval, type HistoryKline, klinesToHistory, leadOf } from './binance.history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hourly = (count: number, start = 0): HistoryKline[] =>
  Array.from({ length: count }, (_, i) => ({
    openTime: start + i * HOUR,
    close: 100 + i,
    quoteVolume: i + 1,
  }));

describe('Binance klines as history', () => {
  it('picks the finest interval whose range and 24 h lead fit 1,000 klines', () => {
    assert.equal(historyInterval(2 * DAY), '5m');
    assert.equal(historyInterval(2 * DAY + 1), '1h');
    assert.equal(historyInterval(40 * DAY), '1h');
    assert.equal(historyInterval(41 * DAY), '1d');
    assert.equal((2 * DAY) / 300_000 + leadOf('5m') / 300_000 + 1 <= 1000, true);
    assert.equal(40 * 24 + leadOf('1h') / HOUR + 1 <= 1000, true);
    assert.equal(leadOf('1d'), 0);
  });

  it('sums the quote volume of the 24 klines ending at each close, from `from` on', () => {
    const points = klinesToHistory(hourly(30), '1h', new Date(23 * HOUR));
    assert.equal(points.length, 7);
    // Kline 23 closes the first whole day: volumes 1..24.
    assert.deepEqual(points[0], {
      timestamp: new Date(23 * HOUR),
      price: 123,
      volume24h: 300,
      marketCap: null,
    });
    assert.equal(points[1].volume24h, 300 - 1 + 25);
  });

  it('gives no volume where the 24 h window is not whole (the first day, a gap)', () => {
    const rows = hourly(30).filter((_, i) => i !== 25);
    const points = klinesToHistory(rows, '1h', new Date(0));
    assert.ok(points.slice(0, 23).every((p) => p.volume24h === null));
    assert.equal(points[23].volume24h, 300);
    assert.ok(points.slice(25).every((p) => p.volume24h === null));
    const daily = klinesToHistory([{ openTime: 0, close: 1, quoteVolume: 42 }], '1d', new Date(0));
    assert.equal(daily[0].volume24h, 42);
  });
});
