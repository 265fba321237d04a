import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { JobScheduler } from '../core/jobs';
import { FearGreedService } from './fear-greed.service';

/**
 * Hourly (SCHEDULE_FEAR_GREED), and at start unless fetched within the hour, so a new deployment
 * has the index at once: its last days, one row per day.
 */
@Injectable()
export class FearGreedCollector implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly fearGreed: FearGreedService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({
      name: 'fear-greed',
      cron: this.config.schedule.fearGreed,
      run: () => this.fearGreed.collect(),
      runAtStart: () => this.fearGreed.isStale(),
    });
  }
}
