import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candleCloseTime, candlesInRange, withinRange } from './candle-intervals';

const at = (iso: string) => new Date(iso);
const candle = (iso: string) => ({
  openTime: at(iso),
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  volume: 1,
});

describe('candle intervals', () => {
  it('closes a month candle at the next month, others after their length', () => {
    assert.equal(
      candleCloseTime(at('2026-02-01T00:00:00Z'), '1M').toISOString(),
      '2026-03-01T00:00:00.000Z',
    );
    assert.equal(
      candleCloseTime(at('2026-12-01T00:00:00Z'), '1M').toISOString(),
      '2027-01-01T00:00:00.000Z',
    );
    assert.equal(
      candleCloseTime(at('2026-02-01T00:00:00Z'), '6h').toISOString(),
      '2026-02-01T06:00:00.000Z',
    );
  });

  it('counts candles in a range, both ends included', () => {
    assert.equal(
      candlesInRange({ start: at('2026-01-01T00:00:00Z'), end: at('2026-01-01T10:00:00Z') }, '1h'),
      11,
    );
  });

  it('keeps a range in order, each open time once, the first limit of them', () => {
    const range = { start: at('2026-01-01T01:00:00Z'), end: at('2026-01-01T04:00:00Z') };
    const rows = [
      '2026-01-01T04:00:00Z',
      '2026-01-01T00:00:00Z',
      '2026-01-01T02:00:00Z',
      '2026-01-01T02:00:00Z',
      '2026-01-01T01:00:00Z',
      '2026-01-01T05:00:00Z',
    ].map(candle);
    assert.deepEqual(
      withinRange(rows, range, 2).map((c) => c.openTime.toISOString()),
      ['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z'],
    );
  });
});
