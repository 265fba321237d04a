import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import { type AppConfig, InjectConfig, type TierName } from '../core/config';
import { withHeaders } from '../core/web/exception-headers';
import { type Caller, ENV_ADMIN_KEY_ID, type KeyRef } from './caller.types';
import { hashApiKey, looksLikeApiKey, sameHash } from './keys/api-key.secret';
import { type ActiveKey, ApiKeyService } from './keys/api-key.service';
import { addressGroup } from './rate-limit/address-group';
import { RateLimitExceededException, RateLimitService } from './rate-limit/rate-limit.service';
import { TokenService } from './tokens/token.service';

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** The key a credential stands for, with its token version (0 for ADMIN_API_KEY, which has none). */
export interface KeyGrant {
  id: KeyRef;
  tier: TierName;
  tokenVersion: number;
}

const ENV_ADMIN: KeyGrant = { id: ENV_ADMIN_KEY_ID, tier: 'admin', tokenVersion: 0 };

/** The caller's credential: `X-API-Key`, or `Authorization: Bearer <key or JWT>`. */
export function credentialOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) {
    return header;
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return bearer?.[1];
}

/**
 * Turns a request's credential into a Caller: none is the free tier by address (IPv6: by /64);
 * ADMIN_API_KEY, a stored key or a JWT issued for one give that key's tier. A credential that is
 * given but not valid (unknown, revoked, forged, expired) is a 401, never a silent downgrade.
 * Credentials not accepted lately are charged to the caller's address (CREDENTIAL_FAILURES), so
 * guessing keys costs the guesser a 429 long before it costs the database much.
 */
@Injectable()
export class Authenticator {
  private readonly adminKeyHash?: string;
  /**
   * Credentials that were valid lately, by what they were: repeat requests skip the keyed hash,
   * the costliest step of identifying a caller. Validity (revocation, tier, a token's expiry) is
   * still checked on every request, against caches that changes clear at once.
   */
  private readonly known = new LRUCache<string, KeyRef | 'jwt'>({ max: 10_000, ttl: 10 * 60_000 });

  constructor(
    private readonly keys: ApiKeyService,
    private readonly tokens: TokenService,
    private readonly limits: RateLimitService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    const adminKey = config.security.adminApiKey;
    this.adminKeyHash = adminKey ? hashApiKey(adminKey, config.security.apiKeySalt) : undefined;
  }

  async identify(headers: IncomingHttpHeaders, ip: string): Promise<Caller> {
    const credential = credentialOf(headers);
    if (!credential) {
      return { keyId: null, tier: this.config.tiers.free, ip, tracker: `ip:${addressGroup(ip)}` };
    }
    const key = await this.keyOf(credential, ip);
    return { ...this.callerFor(key), ip };
  }

  /**
   * The key a credential stands for (ADMIN_API_KEY, a stored key or a JWT), or a 401; a 429 for
   * a credential not accepted lately when its address has had too many refused.
   */
  async keyOf(credential: string, ip: string): Promise<KeyGrant> {
    const known = this.known.get(credential);
    if (known === ENV_ADMIN_KEY_ID) {
      return ENV_ADMIN;
    }
    if (typeof known === 'number') {
      // Still asked of the key store, whose cache a revocation or tier change clears at once.
      return this.active(await this.keys.findById(known), 'Unknown or revoked API key');
    }
    return known === 'jwt' ? this.fromToken(credential) : this.charged(credential, ip);
  }

  /**
   * A first sight, charged to the address before the lookup and refunded unless the credential
   * is refused; a refusal carries the address's failure count as its rate-limit headers.
   */
  private async charged(credential: string, ip: string): Promise<KeyGrant> {
    const decision = await this.limits.chargeCredentialCheck(ip);
    if (decision.retryAfter !== undefined) {
      throw withHeaders(
        new RateLimitExceededException(
          decision.retryAfter,
          `Too many invalid credentials from this address; retry in ${decision.retryAfter} s`,
        ),
        decision.headers,
      );
    }
    let refused = false;
    try {
      return await this.firstSight(credential);
    } catch (error) {
      refused = error instanceof UnauthorizedException;
      throw refused ? withHeaders(error as UnauthorizedException, decision.headers) : error;
    } finally {
      if (!refused) {
        await this.limits.refundCredentialCheck(ip);
      }
    }
  }

  /** A credential not seen lately: one keyed hash serves the admin check and the key lookup. */
  private async firstSight(credential: string): Promise<KeyGrant> {
    const hash = hashApiKey(credential, this.config.security.apiKeySalt);
    if (this.adminKeyHash && sameHash(hash, this.adminKeyHash)) {
      this.known.set(credential, ENV_ADMIN_KEY_ID);
      return ENV_ADMIN;
    }
    if (looksLikeApiKey(credential)) {
      const key = this.active(await this.keys.findByHash(hash), 'Unknown or revoked API key');
      this.known.set(credential, key.id);
      return key;
    }
    if (JWT_SHAPE.test(credential)) {
      const key = await this.fromToken(credential);
      this.known.set(credential, 'jwt');
      return key;
    }
    throw new UnauthorizedException(
      'Unrecognised credential: send an API key, or a token from POST /api/auth/token',
    );
  }

  /**
   * A JWT: its signature and expiry (TokenService caches both), then its key's state, and that
   * the key was not revoked since the token was issued (a restored key's old tokens stay dead).
   */
  private async fromToken(credential: string): Promise<KeyGrant> {
    const grant = this.tokens.verify(credential);
    if (grant?.key === ENV_ADMIN_KEY_ID && this.adminKeyHash) {
      return ENV_ADMIN;
    }
    if (typeof grant?.key !== 'number') {
      throw new UnauthorizedException('Invalid or expired token');
    }
    const key = await this.keys.findById(grant.key);
    if (key && !key.revoked && key.tokenVersion !== grant.version) {
      throw new UnauthorizedException(
        'The key this token was issued for was revoked after it was issued; ask for a new token',
      );
    }
    return this.active(key, 'The key this token was issued for is revoked');
  }

  private active(key: ActiveKey | undefined, message: string): KeyGrant {
    if (!key || key.revoked) {
      throw new UnauthorizedException(message);
    }
    this.keys.markUsed(key.id);
    return { id: key.id, tier: key.tier, tokenVersion: key.tokenVersion };
  }

  private callerFor(key: KeyGrant): Omit<Caller, 'ip'> {
    return { keyId: key.id, tier: this.config.tiers[key.tier], tracker: `key:${key.id}` };
  }
}
