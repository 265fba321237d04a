import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException } from '@nestjs/common';
import { DAY_MS, depthDays, historyRange, missingRange, parseInstant } from './history-range';

const NOW = new Date('2026-11-28T01:15:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const refused = (fn: () => unknown, message: string) =>
  assert.throws(fn, (e: unknown) => e instanceof BadRequestException && e.message === message);

describe('parseInstant', () => {
  it('reads UNIX seconds and ISO dates, and leaves anything else to fail validation', () => {
    assert.deepEqual(parseInstant('1795828500'), new Date(1_795_828_500_000));
    assert.deepEqual(parseInstant('2026-11-20'), new Date('2026-11-20T00:00:00Z'));
    assert.deepEqual(parseInstant('2026-11-20T12:30:00Z'), new Date('2026-11-20T12:30:00Z'));
    assert.ok(Number.isNaN((parseInstant('yesterday') as Date).getTime()));
    assert.ok(Number.isNaN((parseInstant('-5') as Date).getTime()));
    assert.deepEqual(parseInstant(['1', '2']), ['1', '2']);
  });
});

describe('historyRange', () => {
  const days = () => 30;

  it('is the last days to now when no range is given', () => {
    assert.deepEqual(historyRange({}, days, NOW), { from: ago(30), to: NOW });
    assert.deepEqual(
      historyRange({ days: 7 }, () => 7, NOW),
      { from: ago(7), to: NOW },
    );
  });

  it('is from..to as given, to defaulting to now', () => {
    assert.deepEqual(historyRange({ from: ago(10), to: ago(8) }, days, NOW), {
      from: ago(10),
      to: ago(8),
    });
    assert.deepEqual(historyRange({ from: ago(2) }, days, NOW), { from: ago(2), to: NOW });
  });

  it('refuses mixed, backwards, future and too-old ranges', () => {
    refused(
      () => historyRange({ days: 7, from: ago(2) }, days, NOW),
      'give either days or from/to, not both',
    );
    refused(
      () => historyRange({ days: 7, to: ago(2) }, days, NOW),
      'give either days or from/to, not both',
    );
    refused(() => historyRange({ to: ago(2) }, days, NOW), 'to needs from');
    refused(() => historyRange({ from: ago(2), to: ago(3) }, days, NOW), 'from must be before to');
    refused(() => historyRange({ from: ago(2), to: ago(2) }, days, NOW), 'from must be before to');
    refused(
      () => historyRange({ from: ago(2), to: ago(-1) }, days, NOW),
      'to must not be in the future',
    );
    refused(
      () => historyRange({ from: ago(366) }, days, NOW),
      'from must be within the last 365 days',
    );
  });
});

describe('depthDays', () => {
  it('counts whole days back, with a minute of grace for a from computed just before', () => {
    assert.equal(depthDays(ago(7), NOW), 7);
    assert.equal(depthDays(new Date(ago(7).getTime() - 30_000), NOW), 7);
    assert.equal(depthDays(new Date(ago(7).getTime() - 120_000), NOW), 8);
    assert.equal(depthDays(ago(0.01), NOW), 1);
  });
});

describe('missingRange', () => {
  const HOUR = 3_600_000;
  const at = (days: number) => ago(days);
  const range = (from: number, to: number, earliest: number | null, latest: number | null) =>
    missingRange({
      from: at(from),
      to: at(to),
      stored: {
        earliest: earliest === null ? null : at(earliest),
        latest: latest === null ? null : at(latest),
      },
      toleranceMs: HOUR,
      now: NOW,
    });

  it('fetches the whole range when nothing is stored in it', () => {
    assert.deepEqual(range(10, 8, null, null), { from: at(10), to: at(8) });
  });

  it('fetches only the missing start, or only the missing end of a past range', () => {
    assert.deepEqual(range(12, 8, 10, 8), { from: at(12), to: at(10) });
    assert.deepEqual(range(9, 6, 9, 8), { from: at(8), to: at(6) });
    assert.deepEqual(range(12, 6, 10, 8), { from: at(12), to: at(6) });
  });

  it('counts points within the tolerance as covering, and leaves the end of a range to now alone', () => {
    assert.equal(range(10, 8, 10 - 0.5 / 24, 8 + 0.5 / 24), null);
    assert.equal(range(10, 0, 10, 3), null);
  });
});
