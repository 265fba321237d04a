import { Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '../config';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const VALID_INCOMING_ID = /^[\w.:-]{1,128}$/;

type WithId = IncomingMessage & { id?: string };

/**
 * Express middleware that runs first: keeps a caller's well-formed X-Request-Id (so traces join
 * up) or mints one, puts it on `req.id` and echoes it, so even body-parser errors carry it.
 */
export function assignRequestId(req: WithId, res: ServerResponse, next: () => void): void {
  req.id = requestIdOf(req);
  res.setHeader(REQUEST_ID_HEADER, req.id);
  next();
}

/** The caller's well-formed X-Request-Id, or a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  return typeof incoming === 'string' && VALID_INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

/** Structured JSON logs (pino) with the request id on every line of a request. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req: WithId) => req.id ?? randomUUID(),
          serializers: {
            req: (req: { id: string; method: string; url: string; remoteAddress: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
              remoteAddress: req.remoteAddress,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health/live' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
