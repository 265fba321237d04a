import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type AppConfig, InjectConfig } from '../../core/config';
import type { KeyRef } from '../caller';

interface TokenClaims {
  sub: string;
}

/** HS256 JWTs naming the key they were issued for; the tier is read from the key at each use. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

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

  /** The key a valid token names; undefined for anything forged, expired or malformed. */
  verify(token: string): KeyRef | undefined {
    try {
      const { sub } = this.jwt.verify<TokenClaims>(token, { algorithms: ['HS256'] });
      if (/^\d+$/.test(sub)) {
        return Number(sub);
      }
      return sub === 'env-admin' ? 'env-admin' : undefined;
    } catch {
      return undefined;
    }
  }
}
