import { DomainError } from '../../core/domain-error';
import { ProviderError, type ProviderErrorKind } from '../../core/http';
import { ProviderSkipped } from '../runtime/provider-runtime';

/** How one provider fared in one request: the basis of `meta.attempted` and of 503 bodies. */
export interface ProviderAttempt {
  provider: string;
  /** `cancelled`: still out when another provider answered first (hedged failover). */
  outcome: 'ok' | 'skipped' | 'cancelled' | ProviderErrorKind;
  /** Why it failed or was skipped. */
  reason?: string;
  duration_ms?: number;
}

export function describeAttempts(attempts: readonly ProviderAttempt[]): string {
  return attempts
    .map((a) => `${a.provider} (${a.outcome}${a.reason ? `: ${a.reason}` : ''})`)
    .join(', ');
}

/** Every provider failed or was skipped; answered as a 503 that names each one and why. */
export class AllProvidersFailedError extends DomainError {
  readonly kind = 'unavailable';

  constructor(
    readonly category: string,
    readonly attempted: ProviderAttempt[],
  ) {
    super(
      attempted.length === 0
        ? `No provider is configured for ${category}`
        : `No provider could serve ${category}: ${describeAttempts(attempted)}`,
    );
    this.name = 'AllProvidersFailedError';
  }

  override details(): { attempted: ProviderAttempt[] } {
    return { attempted: this.attempted };
  }
}

/** Every provider that answered said the thing asked for does not exist; answered as a 404. */
export class NotFoundAtProvidersError extends DomainError {
  readonly kind = 'not_found';

  constructor(
    what: string,
    readonly attempted: ProviderAttempt[],
  ) {
    super(`${what} not found at any provider`);
    this.name = 'NotFoundAtProvidersError';
  }

  override details(): { attempted: ProviderAttempt[] } {
    return { attempted: this.attempted };
  }
}

/** Turns whatever a provider call threw into an attempt record. */
export function toAttempt(provider: string, error: unknown, durationMs: number): ProviderAttempt {
  if (error instanceof ProviderSkipped) {
    return { provider, outcome: 'skipped', reason: error.reason };
  }
  if (error instanceof ProviderError) {
    return { provider, outcome: error.kind, reason: error.message, duration_ms: durationMs };
  }
  return {
    provider,
    outcome: 'bad_payload',
    reason: 'unexpected adapter failure',
    duration_ms: durationMs,
  };
}
