/**
 * A share of bench:realtime's Socket.IO clients, in a process of its own (forked with an IPC
 * channel) so the server's receipts are not timed by a process that also runs the server's load.
 * Each client follows `prices:BTC` and notes when each price arrived, on the machine's wall clock
 * in sub-millisecond precision (`timeOrigin + now()`), which the parent shares.
 */
import { io, type Socket } from 'socket.io-client';

export type ToClients =
  | { type: 'connect'; url: string; token: string; count: number }
  | { type: 'collect' }
  | { type: 'close' };

export type FromClients =
  | { type: 'connected'; total: number }
  | { type: 'receipts'; receipts: Record<string, number[]>; dropped: number }
  | { type: 'error'; message: string };

const BATCH = 100;
const sockets: Socket[] = [];
/** Receipt times by the price received: each round pushes its own price. */
let receipts = new Map<number, number[]>();
/** Clients the server disconnected (a slow client is dropped when its backlog grows too big). */
let dropped = 0;

const now = () => performance.timeOrigin + performance.now();

function reply(message: FromClients): void {
  process.send?.(message);
}

function record(tick: { symbol?: string; price: number }): void {
  const at = now();
  const list = receipts.get(tick.price);
  if (list) {
    list.push(at);
  } else {
    receipts.set(tick.price, [at]);
  }
}

async function connect(url: string, token: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - i) }, () =>
      io(url, { transports: ['websocket'], auth: { token }, reconnection: false }),
    );
    await Promise.all(
      batch.map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
          }),
      ),
    );
    await Promise.all(batch.map((s) => s.emitWithAck('subscribe', { channels: ['prices:BTC'] })));
    batch.forEach((s) => {
      s.on('price', record);
      s.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') {
          dropped += 1;
        }
      });
    });
    sockets.push(...batch);
  }
}

process.on('message', (message: ToClients) => {
  switch (message.type) {
    case 'connect':
      connect(message.url, message.token, message.count).then(
        () => reply({ type: 'connected', total: sockets.length }),
        (error: unknown) => reply({ type: 'error', message: String(error) }),
      );
      break;
    case 'collect':
      reply({ type: 'receipts', receipts: Object.fromEntries(receipts), dropped });
      receipts = new Map();
      break;
    case 'close':
      sockets.forEach((s) => s.disconnect());
      process.disconnect();
      break;
  }
});
