import { PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/** REQUEST_BODY_LIMIT ("2mb") in bytes, with the body parser's 1024-based units. */
export function limitInBytes(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (!match) {
    throw new Error(`not a size: ${limit}`);
  }
  return Number(match[1]) * UNIT_BYTES[match[2].toLowerCase() as keyof typeof UNIT_BYTES];
}

/**
 * Refuses a request whose Content-Length is over the limit before any of it is read. The body
 * parser would answer 413 too, but only after reading the whole declared body to keep the
 * connection reusable: a client announcing a gigabyte held a connection for as long as it cared
 * to send. Here the answer comes at once and the connection is closed behind it.
 */
export function refuseDeclaredOversizedBodies(limit: string) {
  const maxBytes = limitInBytes(limit);
  return (req: Request, res: Response, next: NextFunction): void => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      res.setHeader('Connection', 'close');
      next(
        new PayloadTooLargeException(
          `request body of ${declared} bytes is over the ${limit} limit (REQUEST_BODY_LIMIT)`,
        ),
      );
      return;
    }
    next();
  };
}
