import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { type AppConfig, InjectConfig } from '../core/config';

/** The caller's credential: `X-API-Key`, or `Authorization: Bearer <key>`. */
export function credentialOf(request: Request): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) {
    return header;
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  return bearer?.[1];
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Admin-only routes accept the bootstrap ADMIN_API_KEY. Without one configured they are closed,
 * so a fresh public deployment cannot be steered by strangers.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const adminKey = this.config.security.adminApiKey;
    if (!adminKey) {
      throw new ForbiddenException('Admin endpoints are disabled until ADMIN_API_KEY is set');
    }
    const credential = credentialOf(context.switchToHttp().getRequest<Request>());
    if (!credential) {
      throw new UnauthorizedException('This endpoint needs an admin API key (X-API-Key or Bearer)');
    }
    if (!sameSecret(credential, adminKey)) {
      throw new ForbiddenException('This endpoint is for admin keys only');
    }
    return true;
  }
}
