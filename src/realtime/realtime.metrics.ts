import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../core/metrics/metrics.service';
import { RealtimeHub } from './hub/realtime-hub.service';

/** Socket counts for Prometheus, read from the hub at each scrape. */
@Injectable()
export class RealtimeMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly hub: RealtimeHub,
  ) {}

  onModuleInit(): void {
    const hub = this.hub;
    new Gauge({
      name: 'realtime_connections',
      help: 'Open real-time connections (Socket.IO and /ws)',
      registers: [this.metrics.registry],
      collect() {
        this.set(hub.stats().connections);
      },
    });
    new Gauge({
      name: 'realtime_subscriptions',
      help: 'Channel subscriptions across connections',
      registers: [this.metrics.registry],
      collect() {
        this.set(hub.stats().subscriptions);
      },
    });
    new Counter({
      name: 'realtime_messages_sent_total',
      help: 'Events sent to real-time clients',
      registers: [this.metrics.registry],
      collect() {
        this.reset();
        this.inc(hub.stats().messagesSent);
      },
    });
  }
}
