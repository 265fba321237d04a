import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Authenticator } from '../authenticator.service';
import { requestContextOf } from '../request-context';

/**
 * Global guard (first): identifies every caller (anonymous callers are the free tier). A
 * credential that is sent but refused is a 401 (or a 429 for an address refused too often) here,
 * before RateLimitGuard: such a request is counted against its address's refused credentials,
 * not against a tier.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Socket connections are identified and limited at their handshake (realtime module).
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    await requestContextOf(request).identify(() =>
      this.authenticator.identify(request.headers, request.ip ?? ''),
    );
    return true;
  }
}
