import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Reply, RouteResult, RouteSettings } from './route.types';
import { match, RSS_CHALLENGE } from './routes';
import { FakeBinanceStream } from './fake-binance-stream';

/** What a route should do instead of answering normally. */
export type Fault =
  | { type: 'delay'; ms: number }
  | { type: 'hang' }
  /** Answered normally, with the data as of its arrival, once release() is called. */
  | { type: 'hold' }
  | { type: 'reset' }
  | { type: 'status'; status: number; retryAfter?: number; body?: unknown }
  | { type: 'html'; status?: number }
  | { type: 'error200' }
  | { type: 'malformed' }
  | { type: 'truncated' }
  | { type: 'wrongTypes' }
  | { type: 'empty' }
  /** Answers with a redirect to `location` (a full URL), as a hijacked or hostile host would. */
  | { type: 'redirect'; location: string; status?: number };

export const FAULT_TYPES = [
  'delay',
  'hang',
  'hold',
  'reset',
  'status',
  'html',
  'error200',
  'malformed',
  'truncated',
  'wrongTypes',
  'empty',
  'redirect',
] as const;

interface Injection {
  fault: Fault;
  /** Left to apply; undefined = until cleared. */
  remaining?: number;
}

const CLOUDFLARE_PAGE =
  '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>error code: 1020</body></html>';

/**
 * One loopback server speaking every upstream's wire format, with per-route fault switches and
 * request counters. A route is `<host>:<path pattern>` (e.g. `coingecko:/api/v3/simple/price`);
 * faults and counts also work on a prefix (`coingecko`, `binance` for all three Binance hosts).
 */
export class FakeUpstream {
  private server?: Server;
  private readonly faults = new Map<string, Injection>();
  private readonly counts = new Map<string, number>();
  private readonly served = new Map<string, unknown>();
  private readonly queries = new Map<string, URLSearchParams>();
  private readonly hung = new Set<ServerResponse>();
  private readonly held = new Set<() => void>();
  readonly binanceStream = new FakeBinanceStream();
  readonly settings: RouteSettings = { quoteLagMs: 0 };
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.binanceStream.attach(this.server);
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.release();
    this.binanceStream.close();
    for (const res of this.hung) {
      res.destroy();
    }
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Environment that points every adapter at this server. */
  env(): Record<string, string> {
    const b = this.baseUrl;
    return {
      COINGECKO_BASE_URL: `${b}/coingecko/api/v3`,
      BINANCE_BASE_URLS: `${b}/binance-a,${b}/binance-b,${b}/binance-c`,
      BINANCE_WS_URLS: `${b.replace(/^http/, 'ws')}/binance-ws`,
      KRAKEN_BASE_URL: `${b}/kraken`,
      COINBASE_BASE_URL: `${b}/coinbase`,
      OKX_BASE_URL: `${b}/okx/api/v5`,
      COINCAP_BASE_URL: `${b}/coincap/v3`,
      CRYPTOCOMPARE_BASE_URL: `${b}/cryptocompare`,
      DEFILLAMA_BASE_URL: `${b}/defillama`,
      FEAR_GREED_BASE_URL: `${b}/alternative-me`,
      ETHERSCAN_BASE_URL: `${b}/etherscan/v2/api`,
      FRANKFURTER_BASE_URL: `${b}/frankfurter/v1`,
      NEWS_FEEDS: `${b}/rss/coindesk,${b}/rss/decrypt`,
      COINPAPRIKA_BASE_URL: `${b}/coinpaprika/v1`,
      COINLORE_BASE_URL: `${b}/coinlore/api`,
    };
  }

  inject(target: string, fault: Fault, times?: number): void {
    this.faults.set(target, { fault, remaining: times });
  }

  clear(target?: string): void {
    if (target) {
      this.faults.delete(target);
    } else {
      this.faults.clear();
    }
  }

  /** Requests held by a `hold` fault and not yet released. */
  get holding(): number {
    return this.held.size;
  }

  /** Answers every held request. */
  release(): void {
    this.held.forEach((answer) => answer());
    this.held.clear();
  }

  /** Requests received by routes matching the target (exact route or prefix). */
  count(target: string): number {
    let total = 0;
    for (const [route, n] of this.counts) {
      if (route === target || route.startsWith(target)) {
        total += n;
      }
    }
    return total;
  }

  /** The body of the last normal answer of a route (`<host>:<path pattern>`), for exact checks. */
  lastServed<T>(route: string): T {
    if (!this.served.has(route)) {
      throw new Error(`fake upstream has not answered ${route}`);
    }
    return this.served.get(route) as T;
  }

  /** The query string of the last request a route received, for checking what was asked. */
  lastQuery(route: string): URLSearchParams {
    const query = this.queries.get(route);
    if (!query) {
      throw new Error(`fake upstream has not been asked ${route}`);
    }
    return query;
  }

  resetCounts(): void {
    this.counts.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const [, host, ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const found = match(host, path);
    if (!found) {
      send(res, { status: 404, body: { error: `fake upstream has no ${url.pathname}` } });
      return;
    }
    const route = `${host}:${found.route}`;
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1);
    this.queries.set(route, url.searchParams);
    const result = found.handler(url.searchParams, found.params, this.settings);
    const fault = this.takeFault(route);
    if (!fault) {
      if (
        result.reply.headers?.etag &&
        req.headers['if-none-match'] === result.reply.headers.etag
      ) {
        send(res, { status: 304, body: '', headers: result.reply.headers });
        return;
      }
      this.served.set(route, result.reply.body);
      send(res, result.reply);
      return;
    }
    await this.applyFault(fault, res, result);
  }

  private takeFault(route: string): Fault | undefined {
    for (const [target, injection] of this.faults) {
      if (route === target || route.startsWith(target)) {
        if (injection.remaining !== undefined) {
          injection.remaining -= 1;
          if (injection.remaining <= 0) {
            this.faults.delete(target);
          }
        }
        return injection.fault;
      }
    }
    return undefined;
  }

  private async applyFault(fault: Fault, res: ServerResponse, result: RouteResult): Promise<void> {
    const json =
      typeof result.reply.body === 'string' ? result.reply.body : JSON.stringify(result.reply.body);
    switch (fault.type) {
      case 'delay':
        await new Promise((r) => setTimeout(r, fault.ms));
        send(res, result.reply);
        return;
      case 'hold':
        await new Promise<void>((answer) => this.held.add(answer));
        send(res, result.reply);
        return;
      case 'hang':
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return;
      case 'reset':
        res.socket?.destroy();
        return;
      case 'status':
        send(res, {
          status: fault.status,
          body: fault.body ?? { error: `fake ${fault.status}` },
          headers:
            fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
        });
        return;
      case 'html':
        send(res, { status: fault.status ?? 200, body: CLOUDFLARE_PAGE, contentType: 'text/html' });
        return;
      case 'error200':
        send(res, {
          body: result.error200,
          contentType: result.error200 === RSS_CHALLENGE ? 'text/html' : undefined,
        });
        return;
      case 'malformed':
        send(res, { body: '{"this is": not json', contentType: 'application/json' });
        return;
      case 'truncated':
        send(res, {
          body: json.slice(0, Math.max(1, Math.floor(json.length / 2))),
          contentType: 'application/json',
        });
        return;
      case 'wrongTypes':
        send(res, { ...result.reply, body: scramble(result.reply.body) });
        return;
      case 'empty':
        send(res, { ...result.reply, body: result.empty });
        return;
      case 'redirect':
        send(res, { status: fault.status ?? 302, body: '', headers: { location: fault.location } });
        return;
    }
  }
}

/** Numbers become text and strings become objects: every typed field is now wrong. */
function scramble(value: unknown): unknown {
  if (typeof value === 'number') {
    return 'not-a-number';
  }
  if (typeof value === 'string') {
    return { unexpected: value.slice(0, 10) };
  }
  if (Array.isArray(value)) {
    return value.map(scramble);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scramble(v)]));
  }
  return value;
}

function send(res: ServerResponse, reply: Reply): void {
  const isText = typeof reply.body === 'string';
  const body = isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, {
    'content-type': reply.contentType ?? (isText ? 'text/plain' : 'application/json'),
    ...reply.headers,
  });
  res.end(body);
}
