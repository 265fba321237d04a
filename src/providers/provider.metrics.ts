import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { UpstreamHttpService } from '../core/http';
import { MetricsService } from '../core/metrics/metrics.service';
import { ProviderDirectory } from './provider.directory';

const BREAKER_VALUES = { closed: 0, half_open: 1, open: 2 } as const;

/** Upstream call histograms and each provider's breaker state, in the shared registry. */
@Injectable()
export class ProviderMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly http: UpstreamHttpService,
    private readonly directory: ProviderDirectory,
  ) {}

  onModuleInit(): void {
    this.http.onCall((call) => {
      const outcome = /^\d{3}$/.test(call.status) ? call.status : call.status.toLowerCase();
      this.metrics.upstreamDuration.observe(
        { provider: call.provider, outcome },
        (call.durationMs ?? 0) / 1000,
      );
    });
    const directory = this.directory;
    new Gauge({
      name: 'provider_breaker_state',
      help: 'Circuit breaker per provider: 0 closed, 1 half-open, 2 open',
      labelNames: ['provider'] as const,
      registers: [this.metrics.registry],
      collect() {
        for (const runtime of directory.all()) {
          this.set({ provider: runtime.id }, BREAKER_VALUES[runtime.breakerState]);
        }
      },
    });
  }
}
