import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { TierPolicy } from '../core/config';

/** The bootstrap ADMIN_API_KEY has no row; tokens and logs name it with this id. */
export const ENV_ADMIN_KEY_ID = 'env-admin';
export type KeyRef = number | typeof ENV_ADMIN_KEY_ID;

/** Who is calling: their key (none for anonymous callers), tier and address. */
export interface Caller {
  keyId: KeyRef | null;
  tier: TierPolicy;
  ip: string;
  /** What rate limits count against: the key, or the address of an anonymous caller. */
  tracker: string;
}

/** Requests carry their caller once AuthGuard (or the hot path) has identified it. */
export interface WithCaller {
  caller?: Caller;
  /**
   * The identification, started by whichever of the hot path and AuthGuard comes first and
   * awaited by both: a credential is checked, and a refused one charged, once per request.
   */
  identifying?: Promise<Caller>;
}

/** The caller of the current request, for controllers that check tier depth. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => {
    const caller = context.switchToHttp().getRequest<WithCaller>().caller;
    if (!caller) {
      throw new Error('CurrentCaller used on a route AuthGuard did not run for');
    }
    return caller;
  },
);
