import { storedMeta } from '../../core/web/response-meta';
import type {
  BackfillDto,
  BackfillFailureDto,
  ResponseMetaDto,
} from '../../core/web/dto/response-meta.dto';
import { AllProvidersFailedError, NotFoundAtProvidersError } from './provider-attempt';

export interface BackfillOutcome {
  backfilled: BackfillDto | null;
  failed: BackfillFailureDto | null;
  /** The upstream error, thrown instead when the database holds nothing to serve. */
  error: AllProvidersFailedError | NotFoundAtProvidersError | null;
}

const NO_BACKFILL: BackfillOutcome = { backfilled: null, failed: null, error: null };

/**
 * Runs a backfill when the database covers less than asked (`needed`). An upstream failure is
 * not the end: the caller still has what the database holds, and serves it marked stale with the
 * reason instead of answering 503.
 */
export async function backfillIf(
  needed: boolean,
  run: () => Promise<BackfillDto>,
): Promise<BackfillOutcome> {
  if (!needed) {
    return NO_BACKFILL;
  }
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

/**
 * The `meta` of an answer read from the database after `backfillIf`: provider "database" as of
 * the newest row, stale with `backfill_failed` when the backfill failed. With nothing stored and
 * the backfill failed, the upstream error (a 503 naming each provider tried) is thrown instead.
 */
export function storedAnswerMeta(
  outcome: BackfillOutcome,
  stored: { rows: number; newest: Date | null },
): ResponseMetaDto & {
  backfilled: BackfillDto | null;
  backfill_failed: BackfillFailureDto | null;
} {
  if (stored.rows === 0 && outcome.error) {
    throw outcome.error;
  }
  return {
    ...storedMeta({
      newest: stored.newest,
      stale: outcome.failed !== null,
      attempted: outcome.backfilled?.attempted ?? outcome.failed?.attempted ?? [],
    }),
    backfilled: outcome.backfilled,
    backfill_failed: outcome.failed,
  };
}
