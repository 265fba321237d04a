import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { type AppConfig, InjectConfig } from '../../core/config';
import type { KeyRef } from '../caller';

interface TokenClaims {
  sub: string;
  exp: number;
}

const VERIFIED_TTL_MS = 60_000;

/** HS256 JWTs naming the key they were issued for; the tier is read from the key at each use. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  private readonly verified = new LRUCache<string, { key: KeyRef; expiresAt: number }>({
    max: 10_000,
  });

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.jwt = new JwtService({ secret: config.security.jwtSecret });
  }

  get expiresInSeconds(): number {
    return this.config.security.jwtExpiresHours * 3600;
  }

  issue(keyId: KeyRef): string {
    return this.jwt.sign(
      { sub: String(keyId) },
      { algorithm: 'HS256', expiresIn: this.expiresInSeconds },
    );
  }

  /**
   * The key a valid token names; undefined for anything forged, expired or malformed. A verified
   * token is remembered until it expires (a minute at most), so a client reusing its token does
   * not pay for a full verification on every request.
   */
  verify(token: string): KeyRef | undefined {
    const known = this.verified.get(token);
    if (known) {
      return known.expiresAt > Date.now() ? known.key : undefined;
    }
    try {
      const { sub, exp } = this.jwt.verify<TokenClaims>(token, { algorithms: ['HS256'] });
      const key = /^\d+$/.test(sub) ? Number(sub) : sub === 'env-admin' ? 'env-admin' : undefined;
      if (key !== undefined) {
        const expiresAt = exp * 1000;
        this.verified.set(
          token,
          { key, expiresAt },
          { ttl: Math.min(VERIFIED_TTL_MS, expiresAt - Date.now()) },
        );
      }
      return key;
    } catch {
      return undefined;
    }
  }
}
