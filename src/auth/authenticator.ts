import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import { type AppConfig, InjectConfig, type TierName } from '../core/config';
import { type Caller, ENV_ADMIN_KEY_ID, type KeyRef } from './caller';
import { hashApiKey, looksLikeApiKey, sameHash } from './keys/api-key.secret';
import { type ActiveKey, ApiKeyService } from './keys/api-key.service';
import { TokenService } from './tokens/token.service';

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

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
 * Turns a request's credential into a Caller: none is the free tier by address; ADMIN_API_KEY,
 * a stored key or a JWT issued for one give that key's tier. A credential that is given but not
 * valid (unknown, revoked, forged, expired) is a 401, never a silent downgrade.
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
    @InjectConfig() private readonly config: AppConfig,
  ) {
    const adminKey = config.security.adminApiKey;
    this.adminKeyHash = adminKey ? hashApiKey(adminKey, config.security.apiKeySalt) : undefined;
  }

  async identify(headers: IncomingHttpHeaders, ip: string): Promise<Caller> {
    const credential = credentialOf(headers);
    if (!credential) {
      return { keyId: null, tier: this.config.tiers.free, ip, tracker: `ip:${ip}` };
    }
    const keyId = await this.keyOf(credential);
    return { ...this.callerFor(keyId), ip };
  }

  /** The key a credential stands for (ADMIN_API_KEY, a stored key or a JWT), or a 401. */
  async keyOf(credential: string): Promise<{ id: KeyRef; tier: TierName }> {
    const known = this.known.get(credential);
    if (known === ENV_ADMIN_KEY_ID) {
      return { id: ENV_ADMIN_KEY_ID, tier: 'admin' };
    }
    if (typeof known === 'number') {
      // Still asked of the key store, whose cache a revocation or tier change clears at once.
      return this.active(await this.keys.findById(known), 'Unknown or revoked API key');
    }
    return known === 'jwt' ? this.fromToken(credential) : this.firstSight(credential);
  }

  /** A credential not seen lately: one keyed hash serves the admin check and the key lookup. */
  private async firstSight(credential: string): Promise<{ id: KeyRef; tier: TierName }> {
    const hash = hashApiKey(credential, this.config.security.apiKeySalt);
    if (this.adminKeyHash && sameHash(hash, this.adminKeyHash)) {
      this.known.set(credential, ENV_ADMIN_KEY_ID);
      return { id: ENV_ADMIN_KEY_ID, tier: 'admin' };
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

  /** A JWT: its signature and expiry (TokenService caches both), then its key's state. */
  private async fromToken(credential: string): Promise<{ id: KeyRef; tier: TierName }> {
    const id = this.tokens.verify(credential);
    if (id === ENV_ADMIN_KEY_ID && this.adminKeyHash) {
      return { id, tier: 'admin' };
    }
    if (typeof id === 'number') {
      return this.active(
        await this.keys.findById(id),
        'The key this token was issued for is revoked',
      );
    }
    throw new UnauthorizedException('Invalid or expired token');
  }

  private active(key: ActiveKey | undefined, message: string): { id: number; tier: TierName } {
    if (!key || key.revoked) {
      throw new UnauthorizedException(message);
    }
    this.keys.markUsed(key.id);
    return { id: key.id, tier: key.tier };
  }

  private callerFor(key: { id: KeyRef; tier: TierName }): Omit<Caller, 'ip'> {
    return { keyId: key.id, tier: this.config.tiers[key.tier], tracker: `key:${key.id}` };
  }
}
