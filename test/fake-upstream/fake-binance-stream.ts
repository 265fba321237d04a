import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { rawText } from '../../src/realtime/raw-text';
import { priceOf } from './market-data';

/** Binance's limit on what a client sends: pings, pongs and JSON messages alike. */
const MAX_INCOMING_PER_SECOND = 5;

/**
 * Binance's combined market streams (`/stream?streams=btcusdt@miniTicker/...`) on the fake
 * upstream, at `/binance-ws/stream`, with SUBSCRIBE / UNSUBSCRIBE messages and Binance's limit of
 * 5 incoming messages a second (past it the connection is cut). Tests push ticks, can drop every
 * stream and refuse new ones, as a flaky exchange connection would, or silence the open ones.
 */
export class FakeBinanceStream {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Map<WebSocket, Set<string>>();
  /** Connections that stopped answering (silence()); kept only to be closed at the end. */
  private readonly silenced = new Set<WebSocket>();
  private refusing = false;
  connections = 0;
  /** Connections cut for sending more than Binance allows. */
  overLimit = 0;

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname !== '/binance-ws/stream' || this.refusing) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const streams = new Set((url.searchParams.get('streams') ?? '').split('/').filter(Boolean));
        this.connections += 1;
        this.clients.set(ws, streams);
        const allowed = this.rateLimiter(ws);
        ws.on('ping', allowed);
        ws.on('message', (raw) => allowed() && control(ws, streams, raw));
        ws.on('close', () => this.clients.delete(ws));
      });
    });
  }

  /** Streams the connected clients asked for, e.g. "btcusdt@miniTicker". */
  subscribedStreams(): string[] {
    return [...new Set([...this.clients.values()].flatMap((s) => [...s]))];
  }

  /** Sends a miniTicker for a pair (BTCUSDT) to every client following it; returns its time. */
  pushTicker(pair: string, close = priceOf(pair.replace(/USDT$/, ''))): number {
    const stream = `${pair.toLowerCase()}@miniTicker`;
    const eventTime = Date.now();
    const message = JSON.stringify({
      stream,
      data: {
        e: '24hrMiniTicker',
        E: eventTime,
        s: pair,
        c: close.toString(),
        o: (close / 1.02).toString(),
        h: (close * 1.01).toString(),
        l: (close * 0.97).toString(),
        v: '12345.678',
        q: (close * 12345.678).toFixed(2),
      },
    });
    for (const [ws, streams] of this.clients) {
      if (streams.has(stream) && ws.readyState === WebSocket.OPEN) {
        ws.send(message);
      }
    }
    return eventTime;
  }

  /** Closes every stream and refuses new connections until allow(). */
  drop(): void {
    this.refusing = true;
    for (const ws of [...this.clients.keys(), ...this.silenced]) {
      ws.terminate();
    }
  }

  /**
   * The open streams go quiet without closing, as over a dead path: no ticks, and pings go
   * unanswered. New connections work as usual.
   */
  silence(): void {
    for (const ws of this.clients.keys()) {
      ws.pause();
      this.silenced.add(ws);
    }
    this.clients.clear();
  }

  /** Counts what a client sends in the last second; past the limit it cuts the connection. */
  private rateLimiter(ws: WebSocket): () => boolean {
    const arrivals: number[] = [];
    return () => {
      const now = Date.now();
      arrivals.push(now);
      while (arrivals[0] <= now - 1000) {
        arrivals.shift();
      }
      if (arrivals.length <= MAX_INCOMING_PER_SECOND) {
        return true;
      }
      this.overLimit += 1;
      ws.terminate();
      return false;
    };
  }

  allow(): void {
    this.refusing = false;
  }

  close(): void {
    this.drop();
    this.wss.close();
  }
}

/** SUBSCRIBE / UNSUBSCRIBE `{method, params: [stream…], id}`, answered `{result: null, id}`. */
function control(ws: WebSocket, streams: Set<string>, raw: RawData): void {
  const { method, params, id } = JSON.parse(rawText(raw)) as {
    method: string;
    params: string[];
    id: number;
  };
  if (method === 'SUBSCRIBE') {
    params.forEach((stream) => streams.add(stream));
  } else if (method === 'UNSUBSCRIBE') {
    params.forEach((stream) => streams.delete(stream));
  }
  ws.send(JSON.stringify({ result: null, id }));
}
