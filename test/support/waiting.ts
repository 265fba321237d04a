import { setTimeout as sleep } from 'node:timers/promises';
import type { Socket } from 'socket.io-client';

/** Polls until the condition holds, or fails after the timeout. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) {
      throw new Error('condition not met in time');
    }
    await sleep(20);
  }
}

/** Resolves on connect, rejects with the server's reason on connect_error. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}
