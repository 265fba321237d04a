import type { BackfillDto, BackfillFailureDto } from '../../core/web/response-meta.dto';
import { AllProvidersFailedError, NotFoundAtProvidersError } from './provider-attempt';

export interface BackfillOutcome {
  backfilled: BackfillDto | null;
  failed: BackfillFailureDto | null;
  /** The upstream error, for the caller to throw when the database holds nothing to serve. */
  error: AllProvidersFailedError | NotFoundAtProvidersError | null;
}

/**
 * Runs a backfill where an upstream failure is not the end: the caller still has what the
 * database holds, and serves it marked stale with the reason instead of answering 503.
 */
export async function tryBackfill(run: () => Promise<BackfillDto>): Promise<BackfillOutcome> {
  try {
    return { backfilled: await run(), failed: null, error: null };
  } catch (error) {
    if (error instanceof AllProvidersFailedError || error instanceof NotFoundAtProvidersError) {
      return {
        backfilled: null,
        failed: { message: error.message, attempted: error.attempted },
        error,
      };
    }
    throw error;
  }
}

/** No backfill was needed: the database covered the range. */
export const NO_BACKFILL: BackfillOutcome = { backfilled: null, failed: null, error: null };
