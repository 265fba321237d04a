import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import { json } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { readAppInfo } from './core/app-info';
import type { AppConfig } from './core/config';
import { setupOpenApi } from './core/docs';
import { assignRequestId, REQUEST_ID_HEADER } from './core/logging/logging.module';
import { DashboardSite } from './dashboard/dashboard.site';
import { HttpMetrics } from './core/metrics/http-metrics';
import { answerClientErrors } from './core/web/client-errors';
import { refuseDeclaredOversizedBodies } from './core/web/declared-body-limit';
import { HotPath, type TrustProxy } from './core/web/hot-path/hot-path.service';
import { refuseDeepJson } from './core/web/json-depth';
import { RequestLogService } from './auth/request-log/request-log.service';
import { PlainWsServer } from './realtime/transports/plain-ws.server';
import { RealtimeIoAdapter } from './realtime/transports/realtime-io.adapter';

const EXPOSED_HEADERS = [
  REQUEST_ID_HEADER,
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
];

/**
 * Builds the configured application without listening, so main.ts and the e2e tests run exactly
 * the same HTTP stack.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // One line, so a misspelt variable is seen rather than silently ignored.
  config.startupWarnings.forEach((warning) => app.get(Logger).warn(warning, 'Config'));
  app.use(assignRequestId);
  app.set('trust proxy', config.server.trustProxy);
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { directives: DOCS_FRIENDLY_CSP } }));
  app.use(compression());
  app.get(DashboardSite).install(app);
  app.use(refuseDeclaredOversizedBodies(config.server.bodyLimit));
  // express.json itself: Nest's useBodyParser keeps `verify` for its raw-body option.
  app.use(json({ limit: config.server.bodyLimit, verify: refuseDeepJson }));
  // Flat parsers only: `a[b][c]=1` stays one key, so no query or form builds nested objects.
  app.useBodyParser('urlencoded', { limit: config.server.bodyLimit, extended: false });
  app.set('query parser', 'simple');
  app.enableCors({
    origin: config.server.corsOrigins === '*' ? '*' : [...config.server.corsOrigins],
    exposedHeaders: EXPOSED_HEADERS,
  });
  app.enableShutdownHooks();
  setupOpenApi(app, readAppInfo());
  const server = app.getHttpServer();
  answerClientErrors(server);
  const trustProxy = app.getHttpAdapter().getInstance().get('trust proxy fn') as TrustProxy;
  app.get(HotPath).install(server, trustProxy);
  app.get(RequestLogService).observe(server);
  app.get(HttpMetrics).observe(server);
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config));
  app.get(PlainWsServer).attach(server);
  return app;
}

/** Swagger UI and ReDoc are served from this origin; ReDoc needs inline styles and blob: workers. */
const DOCS_FRIENDLY_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  workerSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  upgradeInsecureRequests: null,
};
