import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { RateLimit } from '../../core/config';
import type { Caller } from '../caller.types';
import { addressGroup } from './address-group';

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
    message: string,
  ) {
    super(
      { error: 'Rate limit exceeded', message, retry_after: retryAfter },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Credentials checked for the first time (an unknown key, a new JWT) that one address, or IPv6
 * /64, may get wrong in a window. Each costs a keyed hash and a database query; past this, an
 * address's new credentials are refused unchecked until the window ends.
 */
export const CREDENTIAL_FAILURES: RateLimit = { limit: 30, windowSeconds: 60 };

/** A storage that can take a hit back (WindowCounterStorage can; a shared store may not). */
export interface RefundableStorage extends ThrottlerStorage {
  refund?(key: string, ttl: number, limit: number, blockDuration: number): Promise<void>;
}

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * No block beyond the window: a caller over a limit waits for the window to end, not for a
 * block started at the refused request (which locked callers out for up to twice the window and
 * made Retry-After disagree with X-RateLimit-Reset).
 */
const BLOCK_DURATION_MS = 0;

/**
 * Counts a request against every window of the caller's tier in @nestjs/throttler's storage
 * (the in-memory store, or a shared one across replicas). One counter per caller and window,
 * across all endpoints; the framework's guard and the hot path both count here. Windows are
 * counted shortest first and a refused request counts against no other window: the ones after
 * the refusing window are not asked, the ones before it are refunded.
 */
@Injectable()
export class RateLimitService {
  constructor(@Inject(ThrottlerStorage) private readonly storage: RefundableStorage) {}

  async consume(caller: Caller): Promise<RateDecision> {
    const counted: { window: RateLimit; remaining: number; reset: number }[] = [];
    // The configuration sorts a tier's limits by window, shortest first.
    for (const window of caller.tier.limits) {
      const record = await this.storage.increment(
        keyOf(window, caller),
        window.windowSeconds * 1000,
        window.limit,
        BLOCK_DURATION_MS,
        `${window.windowSeconds}s`,
      );
      if (record.isBlocked) {
        await this.refund(
          caller,
          counted.map((c) => c.window),
        );
        return refused(window, record);
      }
      const remaining = Math.max(0, window.limit - record.totalHits);
      counted.push({ window, remaining, reset: record.timeToExpire });
    }
    const tightest = counted.reduce<(typeof counted)[number] | undefined>(
      (best, c) => (!best || c.remaining < best.remaining ? c : best),
      undefined,
    );
    return { headers: tightest ? limitHeaders(tightest.window, tightest) : {} };
  }

  /**
   * Charges a credential check to the caller's address before it is made (so a refused address
   * costs no lookup); refundCredentialCheck takes it back when the credential was good.
   */
  async chargeCredentialCheck(ip: string): Promise<RateDecision> {
    const window = CREDENTIAL_FAILURES;
    const record = await this.storage.increment(
      credentialKeyOf(ip),
      window.windowSeconds * 1000,
      window.limit,
      BLOCK_DURATION_MS,
      'credentials',
    );
    if (record.isBlocked) {
      return refused(window, record);
    }
    const remaining = Math.max(0, window.limit - record.totalHits);
    return { headers: limitHeaders(window, { remaining, reset: record.timeToExpire }) };
  }

  async refundCredentialCheck(ip: string): Promise<void> {
    const window = CREDENTIAL_FAILURES;
    await this.storage.refund?.(
      credentialKeyOf(ip),
      window.windowSeconds * 1000,
      window.limit,
      BLOCK_DURATION_MS,
    );
  }

  private async refund(caller: Caller, windows: RateLimit[]): Promise<void> {
    for (const window of windows) {
      await this.storage.refund?.(
        keyOf(window, caller),
        window.windowSeconds * 1000,
        window.limit,
        BLOCK_DURATION_MS,
      );
    }
  }
}

function keyOf(window: RateLimit, caller: Caller): string {
  return `rate:${window.windowSeconds}:${caller.tracker}`;
}

function credentialKeyOf(ip: string): string {
  return `credentials:${addressGroup(ip)}`;
}

function limitHeaders(
  window: RateLimit,
  state: { remaining: number; reset: number },
): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(window.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': String(state.reset),
  };
}

/** The refusing window's headers; the wait is until that window ends. */
function refused(window: RateLimit, record: StorageRecord): RateDecision {
  const retryAfter = Math.max(record.timeToBlockExpire, record.timeToExpire, 1);
  return {
    headers: {
      ...limitHeaders(window, { remaining: 0, reset: retryAfter }),
      'Retry-After': String(retryAfter),
    },
    retryAfter,
  };
}
