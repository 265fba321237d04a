import type { ServerResponse } from 'node:http';

/**
 * Tees the body written into `res`: `done` gets it when `end()` is called, before it is
 * flushed, or `undefined` when a chunk was written while `accept()` said no. Whoever wraps `res`
 * later (compression, say) writes through this tee, so it sees the bytes as they are sent.
 */
export function teeResponseBody(
  res: ServerResponse,
  done: (body: Buffer | undefined) => void,
  accept: () => boolean = () => true,
): void {
  const chunks: Buffer[] = [];
  let complete = true;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') {
      return;
    }
    if (!accept()) {
      complete = false;
    } else if (typeof chunk === 'string') {
      const charset = typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8';
      chunks.push(Buffer.from(chunk, charset));
    } else if (chunk instanceof Uint8Array) {
      chunks.push(Buffer.from(chunk));
    }
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0]);
    done(complete ? Buffer.concat(chunks) : undefined);
    return end(chunk, ...rest);
  }) as ServerResponse['end'];
}
