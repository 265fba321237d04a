import { BadRequestException } from '@nestjs/common';
import { CANDLE_MS, candlesInRange } from '../providers/candle-intervals';
import type { CandleInterval, CandleRange } from '../providers/provider.types';

/** The most candles one request may page through (Binance: 2 calls, Coinbase: 7). */
export const MAX_RANGE_CANDLES = 2000;
const DAY_MS = 86_400_000;
const EPOCH_SECONDS = /^\d{1,11}$/;

/** Which candles a request asks for: the latest `limit`, or the first `limit` of a range. */
export interface CandleWindow {
  limit: number;
  range?: CandleRange;
}

export interface WindowQuery {
  interval: CandleInterval;
  limit?: number;
  /** ms since the epoch (CCXT's `since`). */
  since?: number;
  /** Epoch seconds or ISO 8601. */
  from?: string;
  to?: string;
}

/** Epoch seconds (`1795828500`) or ISO 8601 (`2026-11-28`, `2026-11-28T01:15:00Z`). */
export function parseInstant(value: string): Date | undefined {
  const ms = EPOCH_SECONDS.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/**
 * The window a query asks for: `since` (+ `limit`) runs from `since` to now; `from`/`to` is a
 * range of at most MAX_RANGE_CANDLES unless `limit` takes fewer; neither is the latest `limit`.
 */
export function candleWindow(q: WindowQuery, defaultLimit: number, now = Date.now()): CandleWindow {
  if (q.since !== undefined && (q.from !== undefined || q.to !== undefined)) {
    throw new BadRequestException('give since (with limit) or from/to, not both');
  }
  if (q.since !== undefined) {
    return {
      limit: q.limit ?? defaultLimit,
      range: checked(new Date(q.since), new Date(now), now),
    };
  }
  if (q.from === undefined) {
    if (q.to !== undefined) {
      throw new BadRequestException('to needs from');
    }
    return { limit: q.limit ?? defaultLimit };
  }
  const range = checked(instant('from', q.from), q.to ? instant('to', q.to) : new Date(now), now);
  const count = candlesInRange(range, q.interval);
  if (q.limit === undefined && count > MAX_RANGE_CANDLES) {
    throw new BadRequestException(
      `from/to holds about ${count} ${q.interval} candles; at most ${MAX_RANGE_CANDLES} per request: narrow the range, use a larger interval or give limit`,
    );
  }
  return { limit: Math.min(q.limit ?? count, MAX_RANGE_CANDLES), range };
}

/** How many days back the window reaches: what a tier's history depth limits. */
export function windowDays(
  window: CandleWindow,
  interval: CandleInterval,
  now = Date.now(),
): number {
  const start = window.range?.start.getTime() ?? now - window.limit * CANDLE_MS[interval];
  return Math.max(1, Math.ceil((now - start) / DAY_MS));
}

function instant(name: string, value: string): Date {
  const date = parseInstant(value);
  if (!date) {
    throw new BadRequestException(`${name} must be epoch seconds or an ISO 8601 time`);
  }
  return date;
}

function checked(start: Date, end: Date, now: number): CandleRange {
  if (start.getTime() > now) {
    throw new BadRequestException('the range starts in the future');
  }
  if (start.getTime() > end.getTime()) {
    throw new BadRequestException('from must not be after to');
  }
  return { start, end: new Date(Math.min(end.getTime(), now)) };
}
