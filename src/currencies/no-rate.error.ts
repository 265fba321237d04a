import { DomainError } from '../core/domain-error';
import type { ProviderAttempt } from '../providers/registry/provider-attempt';

/** No currency asked for could be served: no direct quote and no rate to convert with (503). */
export class NoPriceInCurrencyError extends DomainError {
  readonly kind = 'unavailable';

  constructor(
    reason: string,
    readonly attempted: ProviderAttempt[],
  ) {
    super(`No price in the currencies asked for: ${reason}`);
    this.name = 'NoPriceInCurrencyError';
  }

  override details(): { attempted: ProviderAttempt[] } {
    return { attempted: this.attempted };
  }
}
