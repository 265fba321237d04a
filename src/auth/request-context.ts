import type { IncomingMessage } from 'node:http';
import type { Caller } from './caller.types';
import type { RateDecision } from './rate-limit/rate-limit.service';

/**
 * What auth knows about one HTTP request: who is calling and what the rate limits decided. The
 * hot path (through its gate) and the guards both reach it with requestContextOf, so whichever
 * comes first does the work and the other reuses it: a credential is checked, a refused one
 * charged, and a request counted against its limits exactly once.
 */
export class RequestContext {
  private identification?: Promise<Caller>;
  private identified?: Caller;
  private decision?: Promise<RateDecision>;

  /** The caller, once identification has finished; undefined before (or if it was refused). */
  get caller(): Caller | undefined {
    return this.identified;
  }

  /** Identifies the caller with `identify` the first time; later calls await the same result. */
  identify(identify: () => Promise<Caller>): Promise<Caller> {
    this.identification ??= identify().then((caller) => {
      this.identified = caller;
      return caller;
    });
    return this.identification;
  }

  /** Counts the request with `consume` the first time; later calls get the same decision. */
  rateDecision(consume: (caller: Caller) => Promise<RateDecision>): Promise<RateDecision> {
    const caller = this.identified;
    if (!caller) {
      throw new Error('A request is counted against its limits only once its caller is known');
    }
    this.decision ??= consume(caller);
    return this.decision;
  }
}

/** Keyed by the request object itself: Express's request is Node's, with a different prototype. */
const contexts = new WeakMap<IncomingMessage, RequestContext>();

/** The request's context, created on first use. */
export function requestContextOf(req: IncomingMessage): RequestContext {
  let context = contexts.get(req);
  if (!context) {
    context = new RequestContext();
    contexts.set(req, context);
  }
  return context;
}
