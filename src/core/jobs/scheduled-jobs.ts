import type { OnApplicationBootstrap } from '@nestjs/common';
import type { JobScheduler } from './job-scheduler.service';
import type { JobDefinition } from './job.types';

/**
 * The one way to declare scheduled jobs: a class in a `*.job.ts` file extends this and lists its
 * jobs in `jobs()`; they go to JobScheduler when the application starts (at the class's own
 * onApplicationBootstrap, so after the modules it depends on have started). The work itself
 * stays in services; a job only names it, with its cron and start-up rule.
 */
export abstract class ScheduledJobs implements OnApplicationBootstrap {
  constructor(protected readonly scheduler: JobScheduler) {}

  /** The jobs to schedule; none when their feature is off. */
  protected abstract jobs(): JobDefinition[];

  onApplicationBootstrap(): void {
    for (const job of this.jobs()) {
      this.scheduler.schedule(job);
    }
  }
}
