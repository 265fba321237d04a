import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { PinoLogger } from 'nestjs-pino';
import proxyAddr from 'proxy-addr';
import { HOT_PATH_GATE, type HotPathGate } from './hot-path-gate';
import { CacheService } from '../../cache';
import { REQUEST_ID_HEADER, requestIdOf } from '../../logging/logging.module';

/** How long a replayable answer is served as is: `age_seconds` lags by at most this. */
export const HOT_TTL_MS = 1_000;
const MAX_ENTRIES = 2_000;
/** Headers that belong to one exchange, never replayed. */
const PER_EXCHANGE = new Set([
  'x-request-id',
  'date',
  'connection',
  'keep-alive',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
]);
/** Conditional requests go the long way: the framework answers them with 304s. */
const CONDITIONAL = ['cookie', 'if-none-match', 'if-modified-since'];
const REPLAYABLE = Symbol('replayable');

interface Entry {
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** The route that produced it, for request metrics. */
  route: string | undefined;
}

/** A request as Express leaves it, and as the hot path marks it for request metrics. */
interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: string };
  routePattern?: string;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
/** Express's compiled `trust proxy` setting, so the hot path sees the same client address. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** Called by HotResponseInterceptor: this response may be kept once it is sent. */
export function markReplayable(res: object): void {
  (res as Record<symbol, boolean>)[REPLAYABLE] = true;
}

/**
 * A byte cache in front of the framework for @HotResponse() routes: the full stack (helmet,
 * CORS, compression, validation, controllers) produces an answer once; identical GETs within
 * HOT_TTL_MS get the same status, headers and bytes with their own request id and rate-limit
 * headers. Callers are identified and charged through the HotPathGate exactly as the guards do.
 * Keys include the caller's tier, the URL, Accept-Encoding and Origin, which are all that
 * those answers vary on.
 */
@Injectable()
export class HotPath {
  private readonly entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES, ttl: HOT_TTL_MS });
  hits = 0;

  constructor(
    cache: CacheService,
    @Inject(HOT_PATH_GATE) private readonly gate: HotPathGate,
  ) {
    // Answers derive from cache entries: whatever empties the data cache empties this one too.
    cache.onInvalidate(() => this.entries.clear());
  }

  /** Puts the hot path in front of the server's request listener(s). */
  install(server: Server, trustProxy: TrustProxy): void {
    const listeners = server.listeners('request') as Listener[];
    server.removeAllListeners('request');
    const framework: Listener = (req, res) => listeners.forEach((l) => l(req, res));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const key = keyOf(req);
      if (key === undefined) {
        framework(req, res);
      } else {
        void this.handle({ key, req, res, ip: proxyAddr(req, trustProxy), framework });
      }
    });
  }

  private async handle(params: {
    key: string;
    req: IncomingMessage;
    res: ServerResponse;
    ip: string;
    framework: Listener;
  }): Promise<void> {
    const { req, res, framework } = params;
    const partition = await this.gate.admit(req, params.ip).catch(() => undefined);
    if (partition !== undefined) {
      const key = `${partition}\n${params.key}`;
      if (await this.serve(key, req, res)) {
        return;
      }
      this.capture(key, res);
    }
    framework(req, res);
  }

  private async serve(key: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const entry = this.entries.get(key);
    if (!entry) {
      return false;
    }
    const limitHeaders = await this.gate.charge(req);
    if (!limitHeaders) {
      return false;
    }
    this.hits += 1;
    (req as RoutedRequest).routePattern = entry.route;
    const id = requestIdOf(req);
    res.writeHead(200, {
      ...entry.headers,
      ...limitHeaders,
      'content-length': entry.body.length,
      [REQUEST_ID_HEADER]: id,
    });
    res.end(entry.body);
    // Logged like pino-http's line for the framework's answers, marked as replayed.
    PinoLogger.root.info(
      { req: { id, method: req.method, url: req.url }, res: { statusCode: 200 }, hot: true },
      'request completed',
    );
    return true;
  }

  /** Records what the framework writes, and keeps it if the route marked it replayable. */
  private capture(key: string, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === 'string') {
        chunks.push(
          Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
        );
      } else if (chunk instanceof Uint8Array) {
        chunks.push(Buffer.from(chunk));
      }
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') {
        collect(chunk, rest[0]);
      }
      const replayable = (res as unknown as Record<symbol, boolean>)[REPLAYABLE] === true;
      if (replayable && res.statusCode === 200) {
        const routed = res.req as RoutedRequest;
        const route = routed.route?.path
          ? `${routed.baseUrl ?? ''}${routed.route.path}`
          : undefined;
        this.entries.set(key, {
          headers: replayedHeaders(res),
          body: Buffer.concat(chunks),
          route,
        });
      }
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  }
}

function keyOf(req: IncomingMessage): string | undefined {
  if (req.method !== 'GET' || CONDITIONAL.some((h) => req.headers[h] !== undefined)) {
    return undefined;
  }
  return `${req.url ?? ''}\n${req.headers['accept-encoding'] ?? ''}\n${req.headers.origin ?? ''}`;
}

function replayedHeaders(res: ServerResponse): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (!PER_EXCHANGE.has(name) && value !== undefined) {
      headers[name] = value;
    }
  }
  return headers;
}
