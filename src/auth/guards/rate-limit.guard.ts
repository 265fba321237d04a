import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RateLimitExceededException, RateLimitService } from '../rate-limit/rate-limit.service';
import { requestContextOf } from '../request-context';
import { SKIP_RATE_LIMIT } from '../skip-rate-limit.decorator';

/** Global guard (after AuthGuard, before TierGuard): counts the request against the caller's tier limits. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limits: RateLimitService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Socket connections are identified and limited at their handshake (realtime module).
    if (context.getType() !== 'http') {
      return true;
    }
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    const http = context.switchToHttp();
    const request = requestContextOf(http.getRequest<Request>());
    const caller = request.caller;
    if (skip || !caller) {
      return true;
    }
    // The hot path may have counted this request already: the context keeps that decision.
    const decision = await request.rateDecision((c) => this.limits.consume(c));
    http.getResponse<Response>().set(decision.headers);
    if (decision.retryAfter !== undefined) {
      throw new RateLimitExceededException(
        decision.retryAfter,
        `The ${caller.tier.name} tier's request limit is used up; retry in ${decision.retryAfter} s`,
      );
    }
    return true;
  }
}
