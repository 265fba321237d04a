import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Caller } from '../caller';

export interface RateDecision {
  /** Headers for the window closest to its limit; empty for unlimited tiers. */
  headers: Record<string, string>;
  /** Seconds to wait when over a limit. */
  retryAfter?: number;
}

/** A 429 in the service's error shape, with the wait in the body and in Retry-After. */
export class RateLimitExceededException extends HttpException {
  constructor(
    readonly retryAfter: number,
    tier: string,
  ) {
    super(
      {
        error: 'Rate limit exceeded',
        message: `The ${tier} tier's request limit is used up; retry in ${retryAfter} s`,
        retry_after: retryAfter,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Counts a request against every window of the caller's tier in @nestjs/throttler's storage
 * (the in-memory store, or a shared one across replicas). One counter per caller and window,
 * across all endpoints; the framework's guard and the hot path both count here.
 */
@Injectable()
export class RateLimitService {
  constructor(@Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage) {}

  async consume(caller: Caller): Promise<RateDecision> {
    let tightest: { limit: number; remaining: number; reset: number } | undefined;
    let retryAfter: number | undefined;
    for (const { limit, windowSeconds } of caller.tier.limits) {
      const ttlMs = windowSeconds * 1000;
      const record = await this.storage.increment(
        `rate:${windowSeconds}:${caller.tracker}`,
        ttlMs,
        limit,
        ttlMs,
        `${windowSeconds}s`,
      );
      const remaining = Math.max(0, limit - record.totalHits);
      if (!tightest || remaining < tightest.remaining) {
        tightest = { limit, remaining, reset: record.timeToExpire };
      }
      if (record.isBlocked) {
        retryAfter = Math.max(retryAfter ?? 0, record.timeToBlockExpire, 1);
      }
    }
    const headers: Record<string, string> = tightest
      ? {
          'X-RateLimit-Limit': String(tightest.limit),
          'X-RateLimit-Remaining': String(tightest.remaining),
          'X-RateLimit-Reset': String(tightest.reset),
        }
      : {};
    if (retryAfter !== undefined) {
      headers['Retry-After'] = String(retryAfter);
    }
    return { headers, retryAfter };
  }
}
