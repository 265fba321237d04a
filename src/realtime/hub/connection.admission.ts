import type { Caller } from '../../auth/caller.types';
import { Tally } from './tally';

/** The tier limits on real-time use: connections at once per caller, subscriptions per connection. */
export class ConnectionAdmission {
  private readonly perTracker = new Tally();

  /** Counts the connection in, or says why the caller's tier allows no more. */
  admit(caller: Caller): string | undefined {
    const { tracker, tier } = caller;
    if (tier.maxConnections !== null && this.perTracker.get(tracker) >= tier.maxConnections) {
      return `The ${tier.name} tier allows ${tier.maxConnections} real-time connections at once`;
    }
    this.perTracker.increment(tracker);
    return undefined;
  }

  release(caller: Caller): void {
    this.perTracker.decrement(caller.tracker);
  }

  /** Why one more subscription is refused to a connection holding `held`, if it is. */
  subscriptionRefusal(caller: Caller, held: number): string | undefined {
    const limit = caller.tier.maxSubscriptions;
    return limit !== null && held >= limit
      ? `The ${caller.tier.name} tier allows ${limit} subscriptions per connection`
      : undefined;
  }
}
