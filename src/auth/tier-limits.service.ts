import { ForbiddenException, Injectable } from '@nestjs/common';
import {
  type AppConfig,
  InjectConfig,
  TIER_NAMES,
  type TierName,
  type TierPolicy,
} from '../core/config';

/** free < pro < enterprise < admin. */
export function tierAtLeast(tier: TierName, required: TierName): boolean {
  return TIER_NAMES.indexOf(tier) >= TIER_NAMES.indexOf(required);
}

/** Tier depth: how many symbols and how much history a tier allows (a tier, not a caller: see CallerTier). */
@Injectable()
export class TierLimits {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  /** A 403 naming the limit and the tier that lifts it, unless the tier allows this many symbols. */
  requireSymbols(tier: TierPolicy, count: number): void {
    requireWithin({
      tier,
      count,
      tiers: this.config.tiers,
      what: 'symbols per request',
      allowed: (t) => t.maxSymbols,
    });
  }

  /**
   * The days of history to serve: `asked` when the tier allows it (else the 403), and when the
   * caller did not say, `fallback` cut to the tier's depth, so a default never answers 403.
   */
  historyDays(tier: TierPolicy, asked: number | undefined, fallback: number): number {
    if (asked !== undefined) {
      this.requireHistoryDays(tier, asked);
      return asked;
    }
    return Math.min(fallback, tier.historyDays ?? fallback);
  }

  /** The same for how many days back history goes. */
  requireHistoryDays(tier: TierPolicy, days: number): void {
    requireWithin({
      tier,
      count: days,
      tiers: this.config.tiers,
      what: 'days of history',
      allowed: (t) => t.historyDays,
    });
  }
}

function requireWithin(params: {
  tier: TierPolicy;
  count: number;
  tiers: Record<TierName, TierPolicy>;
  what: string;
  allowed: (tier: TierPolicy) => number | null;
}): void {
  const limit = params.allowed(params.tier);
  if (limit === null || params.count <= limit) {
    return;
  }
  const lifts = TIER_NAMES.map((name) => params.tiers[name]).find((t) => {
    const allowed = params.allowed(t);
    return tierAtLeast(t.name, params.tier.name) && (allowed === null || params.count <= allowed);
  });
  const lifted = lifts ? params.allowed(lifts) : undefined;
  const hint = lifts ? `; the ${lifts.name} tier allows ${lifted ?? 'any number'}` : '';
  throw new ForbiddenException(
    `The ${params.tier.name} tier allows ${limit} ${params.what} (asked for ${params.count})${hint}`,
  );
}
