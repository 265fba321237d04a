import { BadRequestException } from '@nestjs/common';

export const DAY_MS = 86_400_000;
/** CoinGecko's public and demo plans serve at most 365 days back (error 10012). */
export const MAX_RANGE_DAYS = 365;

/** An instant as the history endpoint takes it: UNIX seconds, or an ISO 8601 date or date-time. */
export function parseInstant(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  const trimmed = value.trim();
  if (/^\d{1,12}$/.test(trimmed)) {
    return new Date(Number(trimmed) * 1000);
  }
  return /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? new Date(trimmed) : new Date(Number.NaN);
}

/**
 * The window a history request covers: the last `days` (to now), or `from`..`to` (to defaulting
 * to now). The two ways are exclusive; a range must run forwards, end no later than now and start
 * within the last 365 days.
 */
export function historyRange(
  query: { days?: number; from?: Date; to?: Date },
  days: () => number,
  now = new Date(),
): { from: Date; to: Date } {
  if (query.days !== undefined && (query.from || query.to)) {
    throw new BadRequestException('give either days or from/to, not both');
  }
  if (!query.from) {
    if (query.to) {
      throw new BadRequestException('to needs from');
    }
    return { from: new Date(now.getTime() - days() * DAY_MS), to: now };
  }
  const to = query.to ?? now;
  if (query.from.getTime() >= to.getTime()) {
    throw new BadRequestException('from must be before to');
  }
  if (to.getTime() > now.getTime()) {
    throw new BadRequestException('to must not be in the future');
  }
  if (query.from.getTime() < now.getTime() - MAX_RANGE_DAYS * DAY_MS) {
    throw new BadRequestException(`from must be within the last ${MAX_RANGE_DAYS} days`);
  }
  return { from: query.from, to };
}

/** A `from` of "7 days ago" computed a little before the request still counts as 7 days. */
const DEPTH_GRACE_MS = 60_000;

/** How many days back a range reaches from now: the depth tier limits apply to. */
export function depthDays(from: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((now.getTime() - from.getTime() - DEPTH_GRACE_MS) / DAY_MS));
}

/** The first and last stored times of a range. */
export interface StoredSpan {
  earliest: Date | null;
  latest: Date | null;
}

/**
 * The part of [from, to] the database lacks, to fetch upstream, or null when it is covered. A
 * stored point up to `toleranceMs` inside either end counts as covering it (upstream history is
 * hourly or daily, so the ends rarely fall on a point). The end of a range reaching to now is the
 * collector's to keep, so only a range ending in the past is checked at its end. Gaps between
 * the first and last stored points are not looked for.
 */
export function missingRange(params: {
  from: Date;
  to: Date;
  stored: StoredSpan;
  toleranceMs: number;
  now?: Date;
}): { from: Date; to: Date } | null {
  const { from, to, toleranceMs } = params;
  const { earliest, latest } = params.stored;
  if (earliest === null || latest === null) {
    return { from, to };
  }
  const now = params.now ?? new Date();
  const headMissing = earliest.getTime() > from.getTime() + toleranceMs;
  const tailMissing =
    to.getTime() < now.getTime() - toleranceMs && latest.getTime() < to.getTime() - toleranceMs;
  if (headMissing && tailMissing) {
    return { from, to };
  }
  if (headMissing) {
    return { from, to: earliest };
  }
  return tailMissing ? { from: latest, to } : null;
}
