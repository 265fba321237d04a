import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcOptions = { type: 'major'; execution: 'sync'; flavor: 'last-resort' };

/**
 * Gives back the memory that start-up grew and no longer uses. Booting Nest, building the
 * OpenAPI document and running the migrations grow V8's young generation to its maximum
 * (about 60 MB resident on a large machine), and V8 shrinks an idle heap only after it has
 * seen old-generation collections, which a process that has just started has not: it would
 * idle at that size for good. One memory-reducing collection (V8's "last resort": every
 * generation collected, empty pages returned) takes about 0.1 s once, before the first
 * request, and the young generation grows back under load as usual.
 *
 * `gc` is exposed only for this call and hidden again, so no other code sees it.
 */
export function releaseStartUpGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: GcOptions) => void;
  setFlagsFromString('--no-expose-gc');
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
