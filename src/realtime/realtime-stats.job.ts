import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobScheduler } from '../core/jobs';
import { RealtimeHub } from './hub/realtime-hub';
import { RealtimePublisher } from './realtime.publisher';

const EVERY_FIVE_MINUTES = '*/5 * * * *';

/** Every five minutes: connection, subscription and message counts on the `stats` channel. */
@Injectable()
export class RealtimeStatsJob implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly hub: RealtimeHub,
    private readonly publisher: RealtimePublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({
      name: 'stats-broadcast',
      cron: EVERY_FIVE_MINUTES,
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
