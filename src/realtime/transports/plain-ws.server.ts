import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { rawText } from '../raw-text';
import { Authenticator } from '../../auth/authenticator';
import type { Caller } from '../../auth/caller';
import { type AppConfig, InjectConfig } from '../../core/config';
import { type RealtimeConnection, RealtimeHub } from '../hub/realtime-hub';
import { ClientAddress } from './client-address';

export const PLAIN_WS_PATH = '/ws';
const MAX_MESSAGE_BYTES = 64 * 1024;

interface ClientMessage {
  action?: unknown;
  channels?: unknown;
  token?: unknown;
}

/**
 * The plain WebSocket endpoint at /ws, for clients without Socket.IO: JSON messages
 * `{"action":"subscribe"|"unsubscribe","channels":[…]}`, `{"action":"ping"}`, and
 * `{"action":"auth","token":"…"}` as the first message (or `?token=` on the URL); events arrive
 * as `{"event":"price","data":{…}}`, acks as `{"event":"subscribed","data":{ok,subscribed,rejected}}`.
 */
@Injectable()
export class PlainWsServer implements OnModuleDestroy {
  private readonly logger = new Logger(PlainWsServer.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private heartbeat?: NodeJS.Timeout;
  private readonly lastSeen = new Map<WebSocket, number>();

  constructor(
    private readonly hub: RealtimeHub,
    private readonly authenticator: Authenticator,
    private readonly address: ClientAddress,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(req.url ?? '/', 'http://host').pathname === PLAIN_WS_PATH) {
        this.wss.handleUpgrade(req, socket, head, (ws) => void this.open(ws, req));
      }
    });
    const { heartbeatIntervalSeconds, heartbeatTimeoutSeconds } = this.config.realtime;
    this.heartbeat = setInterval(
      () => this.beat(heartbeatTimeoutSeconds * 1000),
      heartbeatIntervalSeconds * 1000,
    );
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    this.wss.clients.forEach((ws) => ws.terminate());
    this.wss.close();
  }

  /**
   * Credentials come on the URL (`?token=`) or as a first `auth` message; a first message of
   * any other kind makes the client anonymous (free tier). Messages are handled in order once
   * the client is admitted.
   */
  private open(ws: WebSocket, req: IncomingMessage): void {
    const ip = this.address.of(req);
    const token = new URL(req.url ?? '/', 'http://host').searchParams.get('token') ?? undefined;
    this.lastSeen.set(ws, Date.now());
    ws.on('pong', () => this.lastSeen.set(ws, Date.now()));
    let admitted = token ? this.admit(ws, token, ip) : undefined;
    ws.on('message', (raw) => {
      const message = parse(rawText(raw));
      if (!message) {
        return send(ws, 'error', { message: 'messages are JSON objects with an "action"' });
      }
      if (!admitted) {
        const credential =
          message.action === 'auth' && typeof message.token === 'string'
            ? message.token
            : undefined;
        admitted = this.admit(ws, credential, ip);
        if (message.action === 'auth') {
          return;
        }
      }
      void admitted.then((connection) => connection && this.handle(ws, connection, message));
    });
    ws.on('close', () => {
      this.lastSeen.delete(ws);
      void admitted?.then((connection) => connection && this.hub.remove(connection));
    });
  }

  private async admit(
    ws: WebSocket,
    credential: string | undefined,
    ip: string,
  ): Promise<RealtimeConnection | undefined> {
    let caller: Caller;
    try {
      caller = await this.authenticator.identify(credential ? { 'x-api-key': credential } : {}, ip);
    } catch (error) {
      refuse(ws, (error as Error).message);
      return undefined;
    }
    const connection: RealtimeConnection = {
      id: randomUUID(),
      caller,
      send: (event, data) => send(ws, event, data),
      buffered: () => ws.bufferedAmount,
      close: (reason) => refuse(ws, reason),
    };
    const refused = this.hub.admit(connection);
    if (refused) {
      refuse(ws, refused);
      return undefined;
    }
    send(ws, 'ready', { tier: caller.tier.name });
    return connection;
  }

  private handle(ws: WebSocket, connection: RealtimeConnection, message: ClientMessage): void {
    switch (message.action) {
      case 'subscribe':
        return send(ws, 'subscribed', this.hub.subscribe(connection, message.channels));
      case 'unsubscribe':
        return send(ws, 'unsubscribed', this.hub.unsubscribe(connection, message.channels));
      case 'ping':
        return send(ws, 'pong', { ts: Date.now() });
      case 'auth':
        return send(ws, 'error', { message: 'send credentials first, before any other message' });
      default:
        return send(ws, 'error', { message: 'action must be subscribe, unsubscribe or ping' });
    }
  }

  /** Pings every client; one silent for longer than the timeout is cut off. */
  private beat(timeoutMs: number): void {
    const now = Date.now();
    for (const ws of this.wss.clients) {
      if (now - (this.lastSeen.get(ws) ?? now) > timeoutMs) {
        this.logger.debug('closing a silent /ws client');
        ws.terminate();
      } else {
        ws.ping();
      }
    }
  }
}

function parse(text: string): ClientMessage | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function send(ws: WebSocket, event: string, data: unknown): void {
  if (ws.readyState === WebSocket.OPEN) {
    ws.send(JSON.stringify({ event, data }));
  }
}

function refuse(ws: WebSocket, reason: string): void {
  send(ws, 'error', { message: reason });
  // 4003: the application's "forbidden", in the range RFC 6455 leaves to applications.
  ws.close(4003, reason.slice(0, 120));
}
