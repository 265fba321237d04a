import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Builders for environment variables. Each one accepts the raw string (or undefined), applies
 * the default, and reports what it expected in words an operator can act on.
 */
type Parse<T> = (raw: string) => { value: NoInfer<T> } | { expected: string };

function envVar<T>(parse: Parse<T>, fallback: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (raw === undefined) {
        return fallback;
      }
      const result = parse(raw.trim());
      if ('expected' in result) {
        ctx.addIssue({ code: 'custom', message: `expected ${result.expected}, got "${raw}"` });
        return z.NEVER;
      }
      return result.value;
    });
}

export function intVar(fallback: number, min: number, max: number) {
  return envVar((raw) => {
    const value = Number(raw);
    return /^-?\d+$/.test(raw) && value >= min && value <= max
      ? { value }
      : { expected: `an integer from ${min} to ${max}` };
  }, fallback);
}

/** A decimal number from min to max, e.g. a probability threshold. */
export function numberVar(fallback: number, min: number, max: number) {
  return envVar((raw) => {
    const value = Number(raw);
    return /^\d+(\.\d+)?$/.test(raw) && value >= min && value <= max
      ? { value }
      : { expected: `a number from ${min} to ${max}` };
  }, fallback);
}

/** An integer from a fixed list; `why` tells the operator what the list is for. */
export function intChoiceVar(fallback: number, choices: readonly number[], why: string) {
  return envVar((raw) => {
    const value = Number(raw);
    return /^\d+$/.test(raw) && choices.includes(value)
      ? { value }
      : { expected: `one of ${choices.join(', ')} (${why})` };
  }, fallback);
}

export function boolVar(fallback: boolean) {
  return envVar((raw) => {
    const lower = raw.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) {
      return { value: true };
    }
    if (['false', '0', 'no', 'off'].includes(lower)) {
      return { value: false };
    }
    return { expected: 'true or false' };
  }, fallback);
}

export function enumVar<const T extends string>(values: readonly T[], fallback: T) {
  return envVar((raw) => {
    const match = values.find((v) => v === raw.toLowerCase());
    return match ? { value: match } : { expected: `one of ${values.join(', ')}` };
  }, fallback);
}

export function optionalEnumVar<const T extends string>(values: readonly T[]) {
  return envVar<T | undefined>((raw) => {
    const match = values.find((v) => v === raw.toLowerCase());
    return match ? { value: match } : { expected: `one of ${values.join(', ')}` };
  }, undefined);
}

export function stringVar(fallback: string) {
  return envVar((raw) => ({ value: raw }), fallback);
}

export function optionalStringVar() {
  return envVar<string | undefined>((raw) => ({ value: raw }), undefined);
}

function isHttpUrl(raw: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}

export function urlVar(fallback: string, protocols: readonly string[] = ['http:', 'https:']) {
  return envVar(
    (raw) =>
      isHttpUrl(raw, protocols)
        ? { value: raw.replace(/\/+$/, '') }
        : { expected: `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    fallback,
  );
}

export function optionalUrlVar(protocols: readonly string[] = ['http:', 'https:']) {
  return envVar<string | undefined>(
    (raw) =>
      isHttpUrl(raw, protocols)
        ? { value: raw.replace(/\/+$/, '') }
        : { expected: `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    undefined,
  );
}

/** A comma-separated list of URLs; an empty list is rejected. */
function parseUrlList(protocols: readonly string[]): Parse<string[]> {
  return (raw) => {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const ok = items.length > 0 && items.every((item) => isHttpUrl(item, protocols));
    return ok
      ? { value: items.map((i) => i.replace(/\/+$/, '')) }
      : {
          expected: `a comma-separated list of URLs starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
        };
  };
}

export function urlListVar(fallback: string[], protocols: readonly string[]) {
  return envVar(parseUrlList(protocols), fallback);
}

export function optionalUrlListVar(protocols: readonly string[]) {
  return envVar<string[] | undefined>(parseUrlList(protocols), undefined);
}

/** A comma-separated list of IP addresses. */
export function addressListVar() {
  return envVar<string[]>((raw) => {
    const items = raw
      .split(',')
      .map((s) => s.trim().replace(/^\[|\]$/g, ''))
      .filter(Boolean);
    return items.length > 0 && items.every((item) => isIP(item) !== 0)
      ? { value: items }
      : { expected: 'a comma-separated list of IP addresses' };
  }, []);
}

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

const WINDOWS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };

const RATE_LIMIT = /^(\d+)\s*\/\s*(second|minute|hour|day)s?$/i;

/** `"30/minute"`, `"1000/day"`, `"5/second"`, `"100/hour"`; undefined when it is none of them. */
export function parseRateLimit(raw: string): RateLimit | undefined {
  const match = RATE_LIMIT.exec(raw.trim());
  const limit = match ? Number(match[1]) : 0;
  return match && limit > 0 ? { limit, windowSeconds: WINDOWS[match[2].toLowerCase()] } : undefined;
}

/** A comma-separated list of limits, e.g. `"100/minute,5000/day"`. */
export function rateLimitListVar() {
  return envVar<RateLimit[] | undefined>((raw) => {
    const limits = raw.split(',').map(parseRateLimit);
    return limits.length > 0 && limits.every((l) => l !== undefined)
      ? { value: limits }
      : {
          expected:
            'limits like "30/minute" or "100/minute,5000/day" (window: second, minute, hour or day)',
        };
  }, undefined);
}

/** Express `trust proxy`: true/false, a hop count, or a list of addresses/subnets. */
export function trustProxyVar() {
  return envVar<boolean | number | string>((raw) => {
    if (/^(true|false)$/i.test(raw)) {
      return { value: raw.toLowerCase() === 'true' };
    }
    if (/^\d+$/.test(raw)) {
      return { value: Number(raw) };
    }
    return /^[\w.:/,\s-]+$/.test(raw)
      ? { value: raw }
      : { expected: 'true, false, a hop count or a comma-separated list of addresses' };
  }, false);
}

/** A body size as Express's body parser understands it, e.g. `100kb` or `1mb`. */
export function sizeVar(fallback: string) {
  return envVar(
    (raw) =>
      /^\d+(b|kb|mb)$/i.test(raw)
        ? { value: raw.toLowerCase() }
        : { expected: 'a size such as 100kb or 1mb' },
    fallback,
  );
}
