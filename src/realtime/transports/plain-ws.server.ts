import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { rawText } from '../raw-text';
import { Authenticator, credentialOf } from '../../auth/authenticator.service';
import type { Caller } from '../../auth/caller.types';
import { type AppConfig, InjectConfig } from '../../core/config';
import type { RealtimeConnection, SharedSend } from '../hub/connection.types';
import { RealtimeHub } from '../hub/realtime-hub.service';
import { ClientAddress } from './client-address';
import { stamped } from '../realtime-events.types';
import { RealtimePublisher } from '../../core/realtime/realtime.publisher';
import { pathOf, queryParam } from './request-target';
import { welcomeMessage } from './welcome';

export const PLAIN_WS_PATH = '/ws';
const MAX_MESSAGE_BYTES = 64 * 1024;
/** How long a client without credentials at connection has to send them before it counts as anonymous. */
const AUTH_GRACE_MS = 2_000;

interface ClientMessage {
  action?: unknown;
  channels?: unknown;
  token?: unknown;
}

/**
 * The plain WebSocket endpoint at /ws, for clients without Socket.IO: JSON messages
 * `{"action":"subscribe"|"unsubscribe","channels":[…]}`, `{"action":"ping"}`, and
 * `{"action":"auth","token":"…"}` as the first message (or `?token=` on the URL, or the
 * `Authorization: Bearer` / `X-API-Key` header of the upgrade request); events arrive
 * as `{"event":"price","data":{…}}`, acks as `{"event":"subscribed","data":{ok,subscribed,rejected}}`.
 * `{"event":"welcome","data":{…}}` (how to subscribe, the market snapshot) comes first, at once;
 * `{"event":"ready","data":{tier}}` follows the admission.
 */
@Injectable()
export class PlainWsServer implements OnModuleDestroy {
  private readonly logger = new Logger(PlainWsServer.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private heartbeat?: NodeJS.Timeout;
  private readonly lastSeen = new Map<WebSocket, number>();
  private readonly sockets = new WeakMap<RealtimeConnection, WebSocket>();
  /** A message to many clients is serialised once. */
  private readonly shared: SharedSend = {
    send: (connections, event, data) => {
      const text = JSON.stringify({ event, data });
      connections.forEach((connection) => sendText(this.sockets.get(connection)!, text));
    },
  };

  constructor(
    private readonly hub: RealtimeHub,
    private readonly authenticator: Authenticator,
    private readonly address: ClientAddress,
    private readonly publisher: RealtimePublisher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (pathOf(req.url) === PLAIN_WS_PATH) {
        this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, req));
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
   * A client with `?token=` or a credential header is admitted as it connects. Without, the
   * admission waits for the first message, which may be `{"action":"auth","token":"…"}`, and at
   * most AUTH_GRACE_MS: an idle socket is then admitted anonymously (free tier by address), so
   * idle sockets still count toward the connection limit while a keyed client is never judged by
   * the free tier's.
   * Messages are handled in order, each after the admission.
   */
  private open(ws: WebSocket, req: IncomingMessage): void {
    const ip = this.address.of(req);
    const token = queryParam(req.url, 'token') ?? credentialOf(req.headers);
    send(ws, 'welcome', welcomeMessage(this.publisher.snapshot('market')?.data ?? null));
    this.lastSeen.set(ws, Date.now());
    ws.on('pong', () => this.lastSeen.set(ws, Date.now()));
    // A protocol error (e.g. a frame over maxPayload): ws is already closing the socket, and
    // 'close' cleans up; unlistened, the error would be thrown and end the process.
    ws.on('error', (error) => this.logger.debug(`/ws client: ${error.message}`));
    let admitted = token ? this.admit(ws, token, ip) : undefined;
    const grace = admitted
      ? undefined
      : setTimeout(() => {
          admitted ??= this.admit(ws, undefined, ip);
        }, AUTH_GRACE_MS);
    ws.on('message', (raw) => {
      const message = parse(rawText(raw));
      if (!message) {
        return send(ws, 'error', { message: 'messages are JSON objects with an "action"' });
      }
      if (!admitted) {
        clearTimeout(grace);
        const credential =
          message.action === 'auth' && typeof message.token === 'string'
            ? message.token
            : undefined;
        admitted = this.admit(ws, credential, ip);
        if (credential !== undefined) {
          return;
        }
      }
      void admitted.then((connection) => connection && this.handle(ws, connection, message));
    });
    ws.on('close', () => {
      clearTimeout(grace);
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
      shared: this.shared,
      buffered: () => ws.bufferedAmount,
      close: (reason) => refuse(ws, reason),
    };
    this.sockets.set(connection, ws);
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
        return send(ws, 'pong', stamped({ ts: Date.now() }));
      case 'auth':
        return send(ws, 'error', {
          message: 'credentials go in the first message: {"action":"auth","token":"…"}',
        });
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
  sendText(ws, JSON.stringify({ event, data }));
}

function sendText(ws: WebSocket, text: string): void {
  if (ws.readyState === WebSocket.OPEN) {
    ws.send(text);
  }
}

function refuse(ws: WebSocket, reason: string): void {
  send(ws, 'error', { message: reason });
  // 4003: the application's "forbidden", in the range RFC 6455 leaves to applications.
  ws.close(4003, reason.slice(0, 120));
}
