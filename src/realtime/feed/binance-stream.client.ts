import { Logger } from '@nestjs/common';
import WebSocket from 'ws';
import { rawText } from '../raw-text';
import { z } from 'zod';
import { decimalString, finite } from '../../providers/adapters/payload-fields';

const miniTickerSchema = z.object({
  stream: z.string(),
  data: z.object({
    E: finite,
    s: z.string(),
    c: decimalString,
    o: decimalString,
    q: decimalString,
  }),
});

export interface StreamTick {
  /** Binance pair, e.g. BTCUSDT. */
  pair: string;
  price: number;
  change24h: number | null;
  quoteVolume24h: number;
  eventTime: number;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * One combined `<pair>@miniTicker` stream on Binance's market-data hosts, tried in order. It
 * reconnects with exponential backoff (host after host) and reopens with the new pair list when
 * it changes. Malformed messages are ignored.
 */
export class BinanceStreamClient {
  private readonly logger = new Logger(BinanceStreamClient.name);
  private socket?: WebSocket;
  private pairs: string[] = [];
  private attempt = 0;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly urls: readonly string[],
    private readonly handlers: {
      tick: (tick: StreamTick) => void;
      /** The stream is up (true) or down (false). */
      state: (up: boolean) => void;
    },
  ) {}

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Follows exactly these pairs (none closes the stream). */
  follow(pairs: readonly string[]): void {
    const next = [...new Set(pairs)].sort();
    if (next.join() === this.pairs.join()) {
      return;
    }
    this.pairs = next;
    this.attempt = 0;
    this.reopen();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.socket?.terminate();
  }

  private reopen(): void {
    clearTimeout(this.retryTimer);
    const previous = this.socket;
    this.socket = undefined;
    // Closing a socket still connecting emits an error: expected here, and not to be thrown.
    previous?.removeAllListeners().on('error', () => undefined);
    previous?.terminate();
    if (this.pairs.length === 0 || this.stopped || this.urls.length === 0) {
      this.handlers.state(false);
      return;
    }
    const base = this.urls[this.attempt % this.urls.length];
    const streams = this.pairs.map((p) => `${p.toLowerCase()}@miniTicker`).join('/');
    const socket = new WebSocket(`${base}/stream?streams=${streams}`, { handshakeTimeout: 5_000 });
    this.socket = socket;
    socket.on('open', () => {
      this.attempt = 0;
      this.handlers.state(true);
    });
    socket.on('message', (raw) => this.onMessage(raw));
    socket.on('error', (error) => this.logger.debug(`stream ${base}: ${error.message}`));
    socket.on('close', () => {
      if (this.socket === socket) {
        this.handlers.state(false);
        this.scheduleRetry();
      }
    });
  }

  private scheduleRetry(): void {
    if (this.stopped || this.pairs.length === 0) {
      return;
    }
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempt, 6));
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.reopen(), delay);
    this.retryTimer.unref();
  }

  private onMessage(raw: WebSocket.RawData): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawText(raw));
    } catch {
      return;
    }
    const message = miniTickerSchema.safeParse(parsed);
    if (!message.success) {
      return;
    }
    const { s, c, o, q, E } = message.data.data;
    this.handlers.tick({
      pair: s,
      price: c,
      change24h: o > 0 ? ((c - o) / o) * 100 : null,
      quoteVolume24h: q,
      eventTime: E,
    });
  }
}
