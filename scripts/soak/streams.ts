import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

const CHANNELS = ['prices:BTC', 'prices:ETH', 'market', 'news'];
/** The channels that carry something every poll interval (the others follow collection runs). */
const STEADY = ['prices:BTC', 'prices:ETH'];

/** A stream subscriber: when each steady channel last carried a message, and the longest gap. */
export class Subscriber {
  readonly lastAt = new Map<string, number>();
  readonly longestGapMs = new Map<string, number>();
  messages = 0;
  /** Connections lost while the soak ran (its own close at the end is not one). */
  disconnects = 0;
  private stopped = false;
  private close: () => void = () => undefined;

  constructor(readonly name: string) {}

  /** Socket.IO with the key at the handshake. */
  static socketIo(url: string, apiKey: string, name: string): Subscriber {
    const subscriber = new Subscriber(name);
    const socket: Socket = io(url, { auth: { token: apiKey }, transports: ['websocket'] });
    socket.on('connect', () => socket.emit('subscribe', { channels: CHANNELS }));
    socket.on('disconnect', () => subscriber.lost());
    socket.on('price', (p: { symbol?: string }) => subscriber.seen(`prices:${p.symbol}`));
    socket.on('market', () => subscriber.seen('market'));
    socket.on('news', () => subscriber.seen('news'));
    subscriber.close = () => socket.close();
    return subscriber;
  }

  /** Plain /ws with the first-message auth, reconnecting when closed. */
  static plain(url: string, apiKey: string, name: string): Subscriber {
    const subscriber = new Subscriber(name);
    const open = () => {
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
      ws.on('open', () => {
        ws.send(JSON.stringify({ action: 'auth', token: apiKey }));
        ws.send(JSON.stringify({ action: 'subscribe', channels: CHANNELS }));
      });
      ws.on('message', (raw: Buffer) => {
        const message = JSON.parse(raw.toString()) as { event: string; data?: { symbol?: string } };
        if (message.event === 'price') {
          subscriber.seen(`prices:${message.data?.symbol}`);
        } else if (message.event === 'market' || message.event === 'news') {
          subscriber.seen(message.event);
        }
      });
      ws.on('error', () => undefined);
      ws.on('close', () => {
        subscriber.lost();
        if (!subscriber.stopped) {
          setTimeout(open, 500);
        }
      });
      subscriber.close = () => ws.close();
    };
    open();
    return subscriber;
  }

  private seen(channel: string): void {
    this.messages += 1;
    const now = Date.now();
    const last = this.lastAt.get(channel);
    if (last !== undefined) {
      this.longestGapMs.set(channel, Math.max(this.longestGapMs.get(channel) ?? 0, now - last));
    }
    this.lastAt.set(channel, now);
  }

  /** Steady channels quiet for longer than `limitMs` now (never heard counts from `since`). */
  quiet(limitMs: number, since: number): string[] {
    const now = Date.now();
    return STEADY.filter((channel) => now - (this.lastAt.get(channel) ?? since) > limitMs).map(
      (channel) =>
        `${this.name} ${channel} quiet for ${now - (this.lastAt.get(channel) ?? since)} ms`,
    );
  }

  stop(): void {
    this.stopped = true;
    this.close();
  }

  private lost(): void {
    if (!this.stopped) {
      this.disconnects += 1;
    }
  }
}
