import { z } from 'zod';

/** Several upstreams send numbers as decimal strings ("97123.45"); accept only real decimals. */
export const decimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'expected a decimal string')
  .transform(Number);

export const nullableDecimalString = decimalString.nullable();

/** A finite JSON number. */
export const finite = z.number().refine(Number.isFinite, 'expected a finite number');

export const nullableNumber = finite.nullable();

/** Unix seconds or milliseconds as Date. */
export const fromSeconds = (seconds: number): Date => new Date(seconds * 1000);

export const EMPTY_LIST = 'empty list where a list is expected';

/**
 * A list the upstream always fills (every protocol, today's trending coins): an empty one is a
 * broken answer, so the provider fails and the caller fails over or serves stored data, where
 * "nothing found" would have ended in a 404.
 */
export const filledList = <T extends z.ZodType>(item: T) => z.array(item).min(1, EMPTY_LIST);
