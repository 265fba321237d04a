import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import { Authenticator } from '../../auth/authenticator.service';
import type { RealtimeConnection, SharedSend } from '../hub/connection.types';
import { RealtimeHub } from '../hub/realtime-hub.service';
import type { SubscriptionAck, UnsubscribeAck } from '../realtime-events.types';
import { ClientAddress } from './client-address';

interface SocketData {
  connection?: RealtimeConnection;
}

/**
 * Socket.IO at /socket.io. Credentials come with the handshake (`auth.token`, else an
 * `Authorization: Bearer` or `X-API-Key` header: an API key or a JWT; none is the free tier); a
 * refused handshake fails with the reason as the connect_error message. `subscribe` and
 * `unsubscribe` take `{channels}` and answer with the ack.
 */
@WebSocketGateway({ path: '/socket.io' })
export class RealtimeGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly socketIds = new WeakMap<RealtimeConnection, string>();
  private shared?: SharedSend;

  constructor(
    private readonly hub: RealtimeHub,
    private readonly authenticator: Authenticator,
    private readonly address: ClientAddress,
  ) {}

  afterInit(server: Server): void {
    // One broadcast to the sockets' own rooms: Socket.IO encodes the packet and builds its
    // WebSocket frame once. Local: with the Redis adapter the other replicas serve their own.
    this.shared = {
      send: (connections, event, data) =>
        server.local.to(connections.map((c) => this.socketIds.get(c)!)).emit(event, data),
    };
    server.use((socket, next) => {
      this.admit(socket).then(
        (reason) => next(reason ? new Error(reason) : undefined),
        (error: Error) => next(new Error(error.message)),
      );
    });
  }

  handleDisconnect(socket: Socket): void {
    const { connection } = socket.data as SocketData;
    if (connection) {
      this.hub.remove(connection);
    }
  }

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): SubscriptionAck {
    return this.hub.subscribe(this.connectionOf(socket), channelsOf(body));
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): UnsubscribeAck {
    return this.hub.unsubscribe(this.connectionOf(socket), channelsOf(body));
  }

  private async admit(socket: Socket): Promise<string | undefined> {
    const auth = socket.handshake.auth as { token?: unknown };
    const token = typeof auth.token === 'string' ? auth.token : undefined;
    const caller = await this.authenticator.identify(
      token ? { 'x-api-key': token } : socket.handshake.headers,
      this.address.of(socket.request),
    );
    const connection: RealtimeConnection = {
      id: randomUUID(),
      caller,
      send: (event, data) => socket.emit(event, data),
      shared: this.shared,
      buffered: () => bufferedBytes(socket),
      close: (reason) => {
        socket.emit('dropped', { reason });
        socket.disconnect(true);
      },
    };
    // The client may have left while its credentials were checked: 'close' has fired already.
    if (socket.conn.readyState !== 'open') {
      return 'the client left during the handshake';
    }
    this.socketIds.set(connection, socket.id);
    const refused = this.hub.admit(connection);
    if (!refused) {
      (socket.data as SocketData).connection = connection;
      // A client that leaves before `connection` never reaches handleDisconnect; the transport's
      // close ends its admission either way (remove is a no-op for one already removed).
      socket.conn.once('close', () => this.hub.remove(connection));
    }
    return refused;
  }

  private connectionOf(socket: Socket): RealtimeConnection {
    const { connection } = socket.data as SocketData;
    if (!connection) {
      throw new Error('socket without a connection');
    }
    return connection;
  }
}

function channelsOf(body: unknown): unknown {
  return (body as { channels?: unknown } | null)?.channels;
}

/** What engine.io holds for this client and what its WebSocket has not flushed yet. */
function bufferedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as {
    writeBuffer?: { data?: unknown }[];
    transport?: { socket?: { bufferedAmount?: number } };
  };
  let queued = 0;
  for (const packet of conn.writeBuffer ?? []) {
    queued += byteLength(packet.data);
  }
  return queued + (conn.transport?.socket?.bufferedAmount ?? 0);
}

/** An engine.io packet's payload: encoded text, or a binary attachment. */
function byteLength(data: unknown): number {
  if (typeof data === 'string') {
    return Buffer.byteLength(data);
  }
  return ArrayBuffer.isView(data) || data instanceof ArrayBuffer ? data.byteLength : 0;
}
