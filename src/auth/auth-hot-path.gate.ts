import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { HotPathGate } from '../core/web/hot-path/hot-path-gate';
import { Authenticator } from './authenticator';
import type { WithCaller } from './caller';
import { type RateDecision, RateLimitService } from './rate-limit/rate-limit.service';

/** A request the hot path already charged: RateLimitGuard uses this decision, not a second count. */
export interface WithRateDecision {
  rateDecision?: RateDecision;
}

type GatedRequest = IncomingMessage & WithCaller & WithRateDecision;

/** Credentials and limits for the hot path, the same Authenticator and counters as the guards. */
@Injectable()
export class AuthHotPathGate implements HotPathGate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly limits: RateLimitService,
  ) {}

  /** Identifies the caller; a refused credential rejects here and again in AuthGuard, checked once. */
  async admit(req: GatedRequest, ip: string): Promise<string> {
    req.identifying ??= this.authenticator.identify(req.headers, ip);
    const caller = await req.identifying;
    req.caller = caller;
    return caller.tier.name;
  }

  async charge(req: GatedRequest): Promise<Record<string, string> | undefined> {
    if (!req.caller) {
      return undefined;
    }
    const decision = await this.limits.consume(req.caller);
    req.rateDecision = decision;
    return decision.retryAfter === undefined ? decision.headers : undefined;
  }
}
