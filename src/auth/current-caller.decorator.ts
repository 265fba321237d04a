import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { TierPolicy } from '../core/config';
import type { Caller } from './caller.types';
import { requestContextOf } from './request-context';

function callerOf(context: ExecutionContext): Caller {
  const caller = requestContextOf(context.switchToHttp().getRequest<IncomingMessage>()).caller;
  if (!caller) {
    throw new Error('A caller parameter used on a route AuthGuard did not run for');
  }
  return caller;
}

/** The caller of the current request (key, tier, address), for routes that need who it is. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => callerOf(context),
);

/**
 * Only the caller's tier, for tier-depth checks. The one caller parameter a @HotResponse() route
 * may take: the hot path keeps answers per tier, so anything else of the caller would be replayed
 * to other callers of that tier.
 */
export const CallerTier = createParamDecorator(callerTierOf);

/** CallerTier's factory, named so the hot path's test can tell it from any other parameter. */
export function callerTierOf(_data: unknown, context: ExecutionContext): TierPolicy {
  return callerOf(context).tier;
}
