import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CronTime } from 'cron';
import { discoveryCron } from './discovery-schedule';

describe('discovery schedule', () => {
  it('runs exactly every AUTO_DISCOVERY_INTERVAL_HOURS, across midnight too', () => {
    for (const hours of [1, 2, 3, 4, 6, 8, 12, 24]) {
      const expression = discoveryCron(hours);
      const time = new CronTime(expression, 'UTC');
      let at = time.getNextDateFrom(new Date('2025-03-30T22:00:00Z'), 'UTC');
      for (let run = 0; run < 60; run += 1) {
        const next = time.getNextDateFrom(at.toJSDate(), 'UTC');
        assert.equal(next.diff(at, 'hours').hours, hours, `${expression} after ${at.toISO()}`);
        at = next;
      }
    }
  });
});
