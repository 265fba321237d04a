import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../core/jobs';
import { FearGreedService } from './fear-greed.service';

/**
 * Hourly (SCHEDULE_FEAR_GREED), and at start unless fetched within the hour, so a new deployment
 * has the index at once: its last days, one row per day.
 */
@Injectable()
export class FearGreedJob extends ScheduledJobs {
  constructor(
    jobs: JobScheduler,
    private readonly fearGreed: FearGreedService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    return [
      {
        name: 'fear-greed',
        cron: this.config.schedule.fearGreed,
        run: () => this.fearGreed.collect(),
        runAtStart: () => this.fearGreed.isStale(),
      },
    ];
  }
}
