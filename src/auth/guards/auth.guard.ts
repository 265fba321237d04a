import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { TierName } from '../../core/config';
import { Authenticator } from '../authenticator';
import type { WithCaller } from '../caller';
import { REQUIRED_TIER } from '../require-tier.decorator';
import { tierAtLeast } from '../tier-limits';

/**
 * Global guard (first): identifies every caller (anonymous callers are the free tier) and
 * enforces @RequireTier().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Socket connections are identified and limited at their handshake (realtime module).
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request & WithCaller>();
    const caller =
      request.caller ?? (await this.authenticator.identify(request.headers, request.ip ?? ''));
    request.caller = caller;
    const required = this.reflector.getAllAndOverride<TierName | undefined>(REQUIRED_TIER, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || tierAtLeast(caller.tier.name, required)) {
      return true;
    }
    if (caller.keyId === null) {
      throw new UnauthorizedException(
        `This endpoint needs a key of the ${required} tier (X-API-Key, or Authorization: Bearer)`,
      );
    }
    throw new ForbiddenException(
      `This endpoint needs a key of the ${required} tier; this key's tier is ${caller.tier.name}`,
    );
  }
}
