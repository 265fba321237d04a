import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { HotPathGate } from '../core/web/hot-path/hot-path.gate';
import { Authenticator } from './authenticator.service';
import { RateLimitService } from './rate-limit/rate-limit.service';
import { requestContextOf } from './request-context';

/**
 * Credentials and limits for the hot path: the same Authenticator, counters and request context
 * as the guards, so a request the hot path identified or charged is not identified or charged
 * again when the framework answers it.
 */
@Injectable()
export class AuthHotPathGate implements HotPathGate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly limits: RateLimitService,
  ) {}

  /** Identifies the caller; a refused credential rejects here and again in AuthGuard, checked once. */
  async admit(req: IncomingMessage, ip: string): Promise<string> {
    const caller = await requestContextOf(req).identify(() =>
      this.authenticator.identify(req.headers, ip),
    );
    return caller.tier.name;
  }

  async charge(req: IncomingMessage): Promise<Record<string, string> | undefined> {
    const context = requestContextOf(req);
    if (!context.caller) {
      return undefined;
    }
    const decision = await context.rateDecision((caller) => this.limits.consume(caller));
    return decision.retryAfter === undefined ? decision.headers : undefined;
  }
}
