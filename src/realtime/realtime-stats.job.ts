import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../core/jobs';
import { HttpMetrics } from '../core/metrics/http-metrics';
import { RealtimeHub } from './hub/realtime-hub.service';
import { RealtimePublisher } from '../core/realtime/realtime.publisher';

/**
 * Every five minutes (SCHEDULE_STATS_BROADCAST): connection, subscription, message and HTTP
 * request counts on the `stats` channel.
 */
@Injectable()
export class RealtimeStatsJob extends ScheduledJobs {
  constructor(
    jobs: JobScheduler,
    private readonly hub: RealtimeHub,
    private readonly publisher: RealtimePublisher,
    private readonly http: HttpMetrics,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    return [
      {
        name: 'stats-broadcast',
        cron: this.config.schedule.statsBroadcast,
        run: () => this.broadcast(),
      },
    ];
  }

  broadcast(): Promise<number> {
    const { connections, subscriptions, messagesSent } = this.hub.stats();
    const hour = this.http.lastHour();
    this.publisher.publish('stats', 'stats', {
      connections,
      subscriptions,
      messages_sent: messagesSent,
      requests_1h: hour.count,
      average_response_time_ms: Math.round(hour.averageMs * 10) / 10,
      ts: Date.now(),
    });
    return Promise.resolve(0);
  }
}
