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
