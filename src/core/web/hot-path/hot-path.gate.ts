import type { IncomingMessage } from 'node:http';

/**
 * What the hot path asks of the auth layer, so replayed answers obey the same credentials and
 * limits as the framework's (the auth module provides it under HOT_PATH_GATE).
 */
export interface HotPathGate {
  /**
   * Identifies the caller (and remembers it on the request). Returns the cache partition its
   * answers belong to (the tier), or undefined when the framework must answer (a bad credential).
   */
  admit(req: IncomingMessage, ip: string): Promise<string | undefined>;
  /**
   * Counts a replayed answer against the caller's limits. Returns the headers to add, or
   * undefined when the caller is over a limit and the framework must answer (with the 429).
   */
  charge(req: IncomingMessage): Promise<Record<string, string> | undefined>;
}

export const HOT_PATH_GATE = Symbol('HOT_PATH_GATE');
