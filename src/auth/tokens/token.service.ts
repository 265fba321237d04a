import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { type AppConfig, InjectConfig } from '../../core/config';
import { ENV_ADMIN_KEY_ID, type KeyRef } from '../caller.types';

interface TokenClaims {
  sub: string;
  exp: number;
  /** Tokens for ADMIN_API_KEY: which value of it they were issued for (see adminFingerprint). */
  akf?: string;
  /** Tokens for a stored key: its token version when issued (none: issued before versions, 0). */
  ver?: number;
}

/** What a valid token says: the key it was issued for, and that key's token version then. */
export interface TokenGrant {
  key: KeyRef;
  version: number;
}

const VERIFIED_TTL_MS = 60_000;

/**
 * HS256 JWTs naming the key they were issued for; the tier is read from the key at each use.
 * They also carry the key's token version, which each revocation moves on, so restoring a key
 * does not bring back the tokens issued before it was revoked. ADMIN_API_KEY has no row to
 * revoke, so its tokens carry a fingerprint of the key's value and stop working when the key is
 * rotated.
 */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  private readonly adminFingerprint?: string;
  private readonly verified = new LRUCache<string, { grant: TokenGrant; expiresAt: number }>({
    max: 10_000,
  });

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.jwt = new JwtService({ secret: config.security.jwtSecret });
    const adminKey = config.security.adminApiKey;
    // Keyed, and cut to 96 bits: the token (readable by its holder) says nothing about the key.
    this.adminFingerprint = adminKey
      ? createHmac('sha256', config.security.jwtSecret)
          .update(`admin-key:${adminKey}`)
          .digest('base64url')
          .slice(0, 16)
      : undefined;
  }

  get expiresInSeconds(): number {
    return this.config.security.jwtExpiresHours * 3600;
  }

  issue(key: { id: KeyRef; tokenVersion: number }): string {
    const claims: Omit<TokenClaims, 'exp'> =
      key.id === ENV_ADMIN_KEY_ID
        ? { sub: key.id, akf: this.adminFingerprint }
        : { sub: String(key.id), ver: key.tokenVersion };
    return this.jwt.sign(claims, { algorithm: 'HS256', expiresIn: this.expiresInSeconds });
  }

  /**
   * The key a valid token names; undefined for anything forged, expired or malformed. A verified
   * token is remembered until it expires (a minute at most), so a client reusing its token does
   * not pay for a full verification on every request.
   */
  verify(token: string): TokenGrant | undefined {
    const known = this.verified.get(token);
    if (known) {
      return known.expiresAt > Date.now() ? known.grant : undefined;
    }
    try {
      const { sub, exp, akf, ver } = this.jwt.verify<TokenClaims>(token, {
        algorithms: ['HS256'],
      });
      // Every token this service issues expires; one without exp was not issued here.
      if (typeof exp !== 'number' || typeof sub !== 'string') {
        return undefined;
      }
      const key = keyIdOf(sub) ?? this.adminKeyRef(sub, akf);
      if (key === undefined) {
        return undefined;
      }
      const grant = { key, version: typeof ver === 'number' ? ver : 0 };
      const expiresAt = exp * 1000;
      this.verified.set(
        token,
        { grant, expiresAt },
        { ttl: Math.min(VERIFIED_TTL_MS, expiresAt - Date.now()) },
      );
      return grant;
    } catch {
      return undefined;
    }
  }

  /** The env admin key, if the token was issued for its current value. */
  private adminKeyRef(sub: string, fingerprint: string | undefined): KeyRef | undefined {
    const current = sub === ENV_ADMIN_KEY_ID && this.adminFingerprint !== undefined;
    return current && fingerprint === this.adminFingerprint ? ENV_ADMIN_KEY_ID : undefined;
  }
}

/** A stored key's id; 400 digits would be Infinity to the database, so only safe integers. */
function keyIdOf(sub: string): number | undefined {
  const id = /^\d{1,16}$/.test(sub) ? Number(sub) : NaN;
  return Number.isSafeInteger(id) ? id : undefined;
}
