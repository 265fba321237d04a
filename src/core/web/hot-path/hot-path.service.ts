import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import proxyAddr from 'proxy-addr';
import { HOT_PATH_GATE, type HotPathGate } from './hot-path.gate';
import { hotEntries } from './hot-entries';
import { CacheService } from '../../cache';
import { REQUEST_ID_HEADER, requestIdOf } from '../../logging/logging.module';
import { teeResponseBody } from '../response-tee';

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
 * Kept answers are bounded by their total size (hotEntries).
 * Keys include the caller's tier, the URL, Accept-Encoding and Origin, which are all that
 * those answers vary on.
 */
@Injectable()
export class HotPath {
  private readonly entries = hotEntries();
  private readonly logger = new Logger(HotPath.name);
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

  /**
   * Replays a kept answer, or hands the request to the framework (recording what it writes).
   * A failure here (the gate's counters, say) must not become an unhandled rejection and a hung
   * request: it is logged and the framework answers, with its own guards and error shape.
   */
  private async handle(params: {
    key: string;
    req: IncomingMessage;
    res: ServerResponse;
    ip: string;
    framework: Listener;
  }): Promise<void> {
    const { req, res, framework } = params;
    try {
      if (await this.replay(params)) {
        return;
      }
    } catch (error) {
      this.logger.error(
        `hot path failed for ${req.url ?? ''}; the framework answers: ${String(error)}`,
        error instanceof Error ? error.stack : undefined,
      );
      if (res.headersSent) {
        res.destroy();
        return;
      }
    }
    framework(req, res);
  }

  /** True when a kept answer was sent; otherwise the framework's answer will be recorded. */
  private async replay(params: {
    key: string;
    req: IncomingMessage;
    res: ServerResponse;
    ip: string;
  }): Promise<boolean> {
    const { req, res } = params;
    const partition = await this.gate.admit(req, params.ip).catch(() => undefined);
    if (partition === undefined) {
      return false;
    }
    const key = `${partition}\n${params.key}`;
    if (await this.serve(key, req, res)) {
      return true;
    }
    this.capture(key, res);
    return false;
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
    // A debug line, not pino-http's info line: at info it would cost a third of the replay's
    // throughput. Each replayed request is still counted in metrics and in user_requests.
    PinoLogger.root.debug(
      { req: { id, method: req.method, url: req.url }, res, hot: true },
      'request replayed',
    );
    return true;
  }

  /**
   * Records what the framework writes, for a route that marked its answer replayable. The mark
   * is set before the body is written, so other answers (every other GET) are never buffered.
   */
  private capture(key: string, res: ServerResponse): void {
    const replayable = () => (res as unknown as Record<symbol, boolean>)[REPLAYABLE] === true;
    teeResponseBody(
      res,
      (body) => {
        if (body && replayable() && res.statusCode === 200) {
          this.keep(key, res, body);
        }
      },
      replayable,
    );
  }

  private keep(key: string, res: ServerResponse, body: Buffer): void {
    const routed = res.req as RoutedRequest;
    const route = routed.route?.path ? `${routed.baseUrl ?? ''}${routed.route.path}` : undefined;
    this.entries.set(key, { headers: replayedHeaders(res), body, route });
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
