import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { TierName } from '../../core/config';
import type { Request } from 'express';
import { requestContextOf } from '../request-context';
import { REQUIRED_TIER } from '../require-tier.decorator';
import { tierAtLeast } from '../tier-limits.service';

/**
 * Global guard (after RateLimitGuard): enforces @RequireTier(). It runs after the count, so a
 * refusal here is counted like any request and carries the caller's rate-limit headers.
 */
@Injectable()
export class TierGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    // Socket connections are identified and limited at their handshake (realtime module).
    if (context.getType() !== 'http') {
      return true;
    }
    const required = this.reflector.getAllAndOverride<TierName | undefined>(REQUIRED_TIER, [
      context.getHandler(),
      context.getClass(),
    ]);
    const caller = requestContextOf(context.switchToHttp().getRequest<Request>()).caller;
    if (!required || (caller && tierAtLeast(caller.tier.name, required))) {
      return true;
    }
    if (!caller || caller.keyId === null) {
      throw new UnauthorizedException(
        `This endpoint needs a key of the ${required} tier (X-API-Key, or Authorization: Bearer)`,
      );
    }
    throw new ForbiddenException(
      `This endpoint needs a key of the ${required} tier; this key's tier is ${caller.tier.name}`,
    );
  }
}
