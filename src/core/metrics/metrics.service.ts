import { Injectable } from '@nestjs/common';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { CacheService } from '../cache';

/**
 * The Prometheus registry (prom-client) and the metrics core code records: HTTP requests, upstream
 * calls, cache lookups and job runs, plus Node's process metrics. Feature modules add their own
 * gauges (breakers, sockets) to the same registry.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly upstreamDuration = new Histogram({
    name: 'upstream_request_duration_seconds',
    help: 'Calls to upstream APIs, by provider and outcome (HTTP status or failure class)',
    labelNames: ['provider', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Background job runs, by job and result',
    labelNames: ['job', 'result'] as const,
    registers: [this.registry],
  });

  constructor(cache: CacheService) {
    collectDefaultMetrics({ register: this.registry });
    new Counter({
      name: 'cache_lookups_total',
      help: 'Data cache lookups, by result (hit: served from the cache, miss: loaded)',
      labelNames: ['result'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc({ result: 'hit' }, cache.stats.hits);
        this.inc({ result: 'miss' }, cache.stats.misses);
      },
    });
  }
}
