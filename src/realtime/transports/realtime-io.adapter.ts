import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../../core/config';
import { PLAIN_WS_PATH } from './plain-ws.server';
import { pathOf } from './request-target';

const NOT_FOUND = 'HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/**
 * Socket.IO with the heartbeat from WEBSOCKET_HEARTBEAT_INTERVAL / _TIMEOUT, CORS from
 * CORS_ORIGINS, small inbound messages, and foreign upgrades left to the plain `/ws` endpoint;
 * upgrades for any other path are answered 404 and closed here.
 */
export class RealtimeIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const { realtime, server } = this.config;
    const path = options?.path ?? '/socket.io';
    const merged = {
      ...options,
      path,
      pingInterval: realtime.heartbeatIntervalSeconds * 1000,
      pingTimeout: (realtime.heartbeatTimeoutSeconds - realtime.heartbeatIntervalSeconds) * 1000,
      maxHttpBufferSize: 64 * 1024,
      destroyUpgrade: false,
      cors: { origin: server.corsOrigins === '*' ? '*' : [...server.corsOrigins] },
    } as ServerOptions;
    const io = super.createIOServer(port, merged);
    closeStrayUpgrades(this.httpServer as HttpServer, path);
    return io;
  }
}

/**
 * With destroyUpgrade off engine.io ignores upgrades outside its path (it matches `<path>/` as
 * a prefix), and Node hands an upgrade's socket over with no error listener: unanswered, such a
 * socket would stay open for good, and a reset on it would be thrown.
 */
function closeStrayUpgrades(server: HttpServer, ioPath: string): void {
  const prefix = `${ioPath.replace(/\/$/, '')}/`;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const target = req.url ?? '/';
    if (pathOf(target) !== PLAIN_WS_PATH && !target.startsWith(prefix)) {
      socket.on('error', () => undefined);
      socket.end(NOT_FOUND, () => socket.destroy());
    }
  });
}
