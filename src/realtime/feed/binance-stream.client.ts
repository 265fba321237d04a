import { Logger } from '@nestjs/common';
import WebSocket from 'ws';
import { rawText } from '../raw-text';
import { watchSilence } from './silence-watchdog';
import { z } from 'zod';
import { decimalString, finite } from '../../providers/upstreams/payload-fields';

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
 * Binance drops a connection that sends over 5 messages a second (pings and pongs count):
 * SUBSCRIBE / UNSUBSCRIBE go out at most every 250 ms, which leaves room for pongs.
 */
const CONTROL_GAP_MS = 250;
/** Binance pings every 20 s; nothing heard for this long means the connection is dead. */
const DEFAULT_SILENCE_MS = 30_000;

export interface StreamClientOptions {
  /** Silence (no message, ping or pong) after which the connection is dropped and reopened. */
  silenceMs?: number;
}

/**
 * One combined `<pair>@miniTicker` stream on Binance's market-data hosts, tried in order. It
 * reconnects with exponential backoff (host after host), and follows a changed pair list on the
 * open connection with SUBSCRIBE / UNSUBSCRIBE messages, paced to Binance's limit. A connection
 * silent for too long is dropped and reopened. Malformed messages are ignored.
 */
export class BinanceStreamClient {
  private readonly logger = new Logger(BinanceStreamClient.name);
  private readonly silenceMs: number;
  private socket?: WebSocket;
  private pairs: string[] = [];
  /** Pairs the current connection carries, as asked for in its URL and control messages. */
  private carried = new Set<string>();
  private attempt = 0;
  private retryTimer?: NodeJS.Timeout;
  private syncTimer?: NodeJS.Timeout;
  private lastControlAt = 0;
  private nextId = 1;
  private stopped = false;

  constructor(
    private readonly urls: readonly string[],
    private readonly handlers: {
      tick: (tick: StreamTick) => void;
      /** The stream is up (true) or down (false). */
      state: (up: boolean) => void;
    },
    options: StreamClientOptions = {},
  ) {
    this.silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /**
   * Follows exactly these pairs: on the connection there is, else on one opened now (or at the
   * pending retry); none closes the stream.
   */
  follow(pairs: readonly string[]): void {
    const next = [...new Set(pairs)].sort();
    if (next.join() === this.pairs.join()) {
      return;
    }
    this.pairs = next;
    if (next.length === 0) {
      this.disconnect();
    } else if (this.socket) {
      this.sync();
    } else if (!this.retryTimer) {
      this.connect();
    }
  }

  stop(): void {
    this.stopped = true;
    this.disconnect();
  }

  private disconnect(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    // Its 'close' is no longer this.socket's, so it schedules no retry.
    const previous = this.socket;
    this.socket = undefined;
    previous?.terminate();
    this.handlers.state(false);
  }

  private connect(): void {
    this.retryTimer = undefined;
    if (this.pairs.length === 0 || this.stopped || this.urls.length === 0) {
      return this.handlers.state(false);
    }
    const base = this.urls[this.attempt % this.urls.length];
    const streams = this.pairs.map(streamOf).join('/');
    const socket = new WebSocket(`${base}/stream?streams=${streams}`, { handshakeTimeout: 5_000 });
    this.socket = socket;
    this.carried = new Set(this.pairs);
    this.lastControlAt = 0;
    socket.on('open', () => {
      this.attempt = 0;
      this.handlers.state(true);
      this.sync();
    });
    socket.on('message', (raw) => this.onMessage(raw));
    socket.on('error', (error) => this.logger.debug(`stream ${base}: ${error.message}`));
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = undefined;
        clearTimeout(this.syncTimer);
        this.syncTimer = undefined;
        this.handlers.state(false);
        this.scheduleRetry();
      }
    });
    watchSilence(socket, this.silenceMs);
  }

  /**
   * Brings the open connection to the followed pairs, one SUBSCRIBE or UNSUBSCRIBE (covering
   * every pair that needs it) per CONTROL_GAP_MS.
   */
  private sync(): void {
    const socket = this.socket;
    if (socket?.readyState !== WebSocket.OPEN || this.syncTimer) {
      return;
    }
    const wait = this.lastControlAt + CONTROL_GAP_MS - Date.now();
    if (wait > 0) {
      this.syncTimer = setTimeout(() => {
        this.syncTimer = undefined;
        this.sync();
      }, wait);
      return;
    }
    const wanted = new Set(this.pairs);
    const added = this.pairs.filter((p) => !this.carried.has(p));
    const removed = [...this.carried].filter((p) => !wanted.has(p));
    const [method, pairs] = added.length > 0 ? ['SUBSCRIBE', added] : ['UNSUBSCRIBE', removed];
    if (pairs.length === 0) {
      return;
    }
    socket.send(JSON.stringify({ method, params: pairs.map(streamOf), id: this.nextId++ }));
    this.lastControlAt = Date.now();
    pairs.forEach((p) => (method === 'SUBSCRIBE' ? this.carried.add(p) : this.carried.delete(p)));
    if (added.length > 0 && removed.length > 0) {
      this.sync();
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.pairs.length === 0) {
      return;
    }
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempt, 6));
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
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

function streamOf(pair: string): string {
  return `${pair.toLowerCase()}@miniTicker`;
}
