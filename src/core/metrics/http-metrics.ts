import { Injectable } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Gauge } from 'prom-client';
import { MetricsService } from './metrics.service';

const MINUTE_MS = 60_000;

/** A request as Express leaves it: the matched route, when there was one. */
interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: string };
  /** Set by the hot path: the route of the answer it replayed. */
  routePattern?: string;
}

/**
 * Observes every request at the HTTP server (hot-path answers included): the Prometheus
 * histogram by route, requests in flight, and per-minute counts and times for the last hour.
 */
@Injectable()
export class HttpMetrics {
  private active = 0;
  /** Per minute of the last hour: [minute, requests, total ms]. */
  private readonly minutes: [number, number, number][] = [];

  constructor(private readonly metrics: MetricsService) {
    const inFlight = () => this.active;
    new Gauge({
      name: 'http_requests_in_flight',
      help: 'HTTP requests being answered',
      registers: [metrics.registry],
      collect() {
        this.set(inFlight());
      },
    });
  }

  get activeRequests(): number {
    return this.active;
  }

  observe(server: Server): void {
    server.on('request', (req: RoutedRequest, res: ServerResponse) => {
      const started = performance.now();
      this.active += 1;
      let done = false;
      const finish = () => {
        if (done) {
          return;
        }
        done = true;
        this.active -= 1;
        this.record(req, res.statusCode, performance.now() - started);
      };
      res.once('finish', finish);
      res.once('close', finish);
    });
  }

  /** Requests answered in the last hour and their average time. */
  lastHour(now = Date.now()): { count: number; averageMs: number } {
    const since = Math.floor(now / MINUTE_MS) - 59;
    let count = 0;
    let totalMs = 0;
    for (const [minute, requests, ms] of this.minutes) {
      if (minute >= since) {
        count += requests;
        totalMs += ms;
      }
    }
    return { count, averageMs: count > 0 ? totalMs / count : 0 };
  }

  private record(req: RoutedRequest, status: number, ms: number): void {
    const route =
      req.routePattern ?? (req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched');
    this.metrics.httpDuration.observe(
      { method: req.method ?? 'GET', route, status: String(status) },
      ms / 1000,
    );
    const minute = Math.floor(Date.now() / MINUTE_MS);
    const last = this.minutes.at(-1);
    if (last && last[0] === minute) {
      last[1] += 1;
      last[2] += ms;
    } else {
      this.minutes.push([minute, 1, ms]);
      while (this.minutes.length > 60) {
        this.minutes.shift();
      }
    }
  }
}
