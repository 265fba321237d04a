import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../core/jobs';
import { DefiService } from './defi.service';

/** Hourly (SCHEDULE_DEFI): the top protocols as one stored run, and the day's total TVL. */
@Injectable()
export class DefiJob extends ScheduledJobs {
  constructor(
    jobs: JobScheduler,
    private readonly defi: DefiService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    return [
      {
        name: 'defi',
        cron: this.config.schedule.defi,
        run: () => this.defi.collect(),
      },
    ];
  }
}
