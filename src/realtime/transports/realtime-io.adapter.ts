import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../../core/config';

/**
 * Socket.IO with the heartbeat from WEBSOCKET_HEARTBEAT_INTERVAL / _TIMEOUT, CORS from
 * CORS_ORIGINS, small inbound messages, and foreign upgrades (the plain `/ws` endpoint) left
 * alone instead of closed.
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
    const merged = {
      ...options,
      path: options?.path ?? '/socket.io',
      pingInterval: realtime.heartbeatIntervalSeconds * 1000,
      pingTimeout: (realtime.heartbeatTimeoutSeconds - realtime.heartbeatIntervalSeconds) * 1000,
      maxHttpBufferSize: 64 * 1024,
      destroyUpgrade: false,
      cors: { origin: server.corsOrigins === '*' ? '*' : [...server.corsOrigins] },
    } as ServerOptions;
    return super.createIOServer(port, merged);
  }
}
