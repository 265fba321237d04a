import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { JobScheduler } from '../core/jobs';
import { RealtimeHub } from './hub/realtime-hub';
import { RealtimePublisher } from './realtime.publisher';

/** Every five minutes (SCHEDULE_STATS_BROADCAST): connection, subscription and message counts on the `stats` channel. */
@Injectable()
export class RealtimeStatsJob implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly hub: RealtimeHub,
    private readonly publisher: RealtimePublisher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({
      name: 'stats-broadcast',
      cron: this.config.schedule.statsBroadcast,
      run: () => this.broadcast(),
    });
  }

  broadcast(): Promise<number> {
    const { connections, subscriptions, messagesSent } = this.hub.stats();
    this.publisher.publish('stats', 'stats', {
      connections,
      subscriptions,
      messages_sent: messagesSent,
      ts: Date.now(),
    });
    return Promise.resolve(0);
  }
}
