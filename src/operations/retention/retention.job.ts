import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../../core/jobs';
import { RetentionService } from './retention.service';

/** The daily cleanup (SCHEDULE_CLEANUP); its rows are the total removed across tables. */
@Injectable()
export class RetentionJob extends ScheduledJobs {
  constructor(
    jobs: JobScheduler,
    private readonly retention: RetentionService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    return [
      {
        name: 'cleanup',
        cron: this.config.schedule.cleanup,
        run: async () => Object.values(await this.retention.cleanup()).reduce((a, b) => a + b, 0),
      },
    ];
  }
}
