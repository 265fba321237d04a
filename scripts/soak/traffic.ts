import { setTimeout as sleep } from 'node:timers/promises';

/** One kind of request the soak sends, weighted by how often. */
interface Route {
  kind: string;
  weight: number;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const ROUTES: Route[] = [
  { kind: 'prices', weight: 4, method: 'GET', path: '/api/prices?symbols=BTC,ETH,SOL' },
  { kind: 'prices', weight: 2, method: 'GET', path: '/api/prices/BTC' },
  { kind: 'ohlcv', weight: 2, method: 'GET', path: '/api/ohlcv?symbol=BTC&interval=1h&limit=100' },
  { kind: 'ohlcv', weight: 1, method: 'GET', path: '/api/ohlcv?symbol=ETH&interval=1d&limit=30' },
  { kind: 'history', weight: 2, method: 'GET', path: '/api/prices/history/BTC?days=7' },
  { kind: 'news', weight: 2, method: 'GET', path: '/api/news?limit=20' },
  { kind: 'sentiment', weight: 1, method: 'GET', path: '/api/sentiment' },
  { kind: 'sentiment', weight: 1, method: 'GET', path: '/api/sentiment/fear-greed' },
  {
    kind: 'sentiment',
    weight: 1,
    method: 'POST',
    path: '/api/sentiment/analyze',
    body: { text: 'Bitcoin rallies as ETF inflows hit a record' },
  },
  { kind: 'defi', weight: 2, method: 'GET', path: '/api/defi?limit=20' },
  { kind: 'defi', weight: 1, method: 'GET', path: '/api/defi/tvl-chart?days=30' },
  { kind: 'market', weight: 2, method: 'GET', path: '/api/market' },
];

/**
 * Outcome classes of the report: what a client saw, by kind of request. Every operation documents
 * its errors in the one shape (`default` in /docs-json); a 503 naming the providers tried
 * (`attempted`) is the upstream failure answer, any other 503 in the shape says what is not ready
 * (a sentiment model still loading at start).
 */
export type Outcome =
  | '2xx'
  | '304'
  | '4xx'
  | '503 with attempted'
  | '503 other, in the error shape'
  | 'undocumented 5xx'
  | 'no answer';

export const OUTCOMES: Outcome[] = [
  '2xx',
  '304',
  '4xx',
  '503 with attempted',
  '503 other, in the error shape',
  'undocumented 5xx',
  'no answer',
];

export interface Sample {
  kind: string;
  path: string;
  status: number;
  outcome: Outcome;
  ms: number;
  at: number;
  detail?: string;
}

const ERROR_FIELDS = new Set([
  'statusCode',
  'error',
  'message',
  'requestId',
  'attempted',
  'retry_after',
]);

function errorShaped(status: number, body: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const shaped =
      parsed.statusCode === status &&
      typeof parsed.error === 'string' &&
      typeof parsed.message === 'string' &&
      typeof parsed.requestId === 'string' &&
      Object.keys(parsed).every((key) => ERROR_FIELDS.has(key));
    return shaped ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function outcomeOf(status: number, body: string): { outcome: Outcome; detail?: string } {
  if (status === 0) {
    return { outcome: 'no answer', detail: body };
  }
  if (status < 300) {
    return { outcome: '2xx' };
  }
  if (status === 304) {
    return { outcome: '304' };
  }
  if (status < 500) {
    return { outcome: '4xx', detail: body.slice(0, 200) };
  }
  const error = status === 503 ? errorShaped(status, body) : undefined;
  if (error) {
    return Array.isArray(error.attempted)
      ? { outcome: '503 with attempted' }
      : { outcome: '503 other, in the error shape', detail: String(error.message) };
  }
  return { outcome: 'undocumented 5xx', detail: body.slice(0, 200) };
}

function pick(random: () => number): Route {
  const total = ROUTES.reduce((sum, r) => sum + r.weight, 0);
  let at = random() * total;
  for (const route of ROUTES) {
    at -= route.weight;
    if (at < 0) {
      return route;
    }
  }
  return ROUTES[0];
}

/**
 * `clients` loops, each sending one request at a time with a pause between (the machine is
 * shared), until `stop()` says so; every answer goes to `record`.
 */
export async function runTraffic(params: {
  url: string;
  apiKey: string;
  clients: number;
  pauseMs: number;
  random: () => number;
  stop: () => boolean;
  record: (sample: Sample) => void;
}): Promise<void> {
  const client = async () => {
    while (!params.stop()) {
      const route = pick(params.random);
      const started = performance.now();
      let status = 0;
      let body: string;
      try {
        const res = await fetch(`${params.url}${route.path}`, {
          method: route.method,
          headers: {
            'x-api-key': params.apiKey,
            ...(route.body ? { 'content-type': 'application/json' } : {}),
          },
          body: route.body ? JSON.stringify(route.body) : undefined,
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        body = await res.text();
      } catch (error) {
        body = (error as Error).message;
      }
      params.record({
        kind: route.kind,
        path: route.path,
        status,
        ...outcomeOf(status, body),
        ms: performance.now() - started,
        at: Date.now(),
      });
      await sleep(params.pauseMs);
    }
  };
  await Promise.all(Array.from({ length: params.clients }, client));
}
