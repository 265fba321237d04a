import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException } from '@nestjs/common';
import { candleWindow, MAX_RANGE_CANDLES, parseInstant, windowDays } from './ohlcv-window';

const NOW = Date.UTC(2026, 10, 28, 1, 15);
const HOUR = 3_600_000;

describe('candleWindow', () => {
  it('reads epoch seconds and ISO times alike', () => {
    assert.equal(parseInstant('1795828500')?.getTime(), 1_795_828_500_000);
    assert.equal(parseInstant('2026-11-28T01:15:00Z')?.getTime(), 1_795_828_500_000);
    assert.equal(parseInstant('nope'), undefined);
  });

  it('latest limit without a range; since runs to now with limit', () => {
    assert.deepEqual(candleWindow({ interval: '1h' }, 100, NOW), { limit: 100 });
    const since = candleWindow({ interval: '1h', since: NOW - 10 * HOUR, limit: 5 }, 100, NOW);
    assert.equal(since.limit, 5);
    assert.deepEqual(since.range, { start: new Date(NOW - 10 * HOUR), end: new Date(NOW) });
  });

  it('from/to: end capped at now, limit from the range, too long refused without limit', () => {
    const w = candleWindow({ interval: '1h', from: '2026-11-27T01:00:00Z' }, 100, NOW);
    assert.equal(w.limit, 25);
    assert.equal(w.range?.end.getTime(), NOW);
    assert.throws(
      () => candleWindow({ interval: '1m', from: '2026-11-25', to: '2026-11-27' }, 100, NOW),
      (e: unknown) => e instanceof BadRequestException && /at most 2000/.test(e.message),
    );
    const capped = candleWindow(
      { interval: '1m', from: '2026-11-25', to: '2026-11-27', limit: 50 },
      100,
      NOW,
    );
    assert.equal(capped.limit, 50);
    assert.ok(MAX_RANGE_CANDLES >= 1000);
  });

  it('refuses contradictions and ranges in the future', () => {
    const bad = [
      { interval: '1h' as const, since: NOW, from: '2026-11-01' },
      { interval: '1h' as const, to: '2026-11-01' },
      { interval: '1h' as const, from: '2026-11-02', to: '2026-11-01' },
      { interval: '1h' as const, from: '2027-01-01' },
    ];
    for (const query of bad) {
      assert.throws(() => candleWindow(query, 100, NOW), BadRequestException);
    }
  });

  it('depth: how far back the window starts', () => {
    assert.equal(windowDays({ limit: 48 }, '1h', NOW), 2);
    assert.equal(
      windowDays(
        { limit: 1, range: { start: new Date(NOW - 30 * 24 * HOUR), end: new Date(NOW) } },
        '1d',
        NOW,
      ),
      30,
    );
  });
});
