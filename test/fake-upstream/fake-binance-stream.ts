import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { priceOf } from './market-data';

/**
 * Binance's combined market streams (`/stream?streams=btcusdt@miniTicker/...`) on the fake
 * upstream, at `/binance-ws/stream`. Tests push ticks and can drop every stream and refuse new
 * ones, as a flaky exchange connection would.
 */
export class FakeBinanceStream {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Map<WebSocket, Set<string>>();
  private refusing = false;
  connections = 0;

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
    for (const ws of this.clients.keys()) {
      ws.terminate();
    }
  }

  allow(): void {
    this.refusing = false;
  }

  close(): void {
    this.drop();
    this.wss.close();
  }
}
