import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { type AppConfig, InjectConfig } from '../config';

export interface JobDefinition {
  /** Unique job name, e.g. "news-feeds". */
  name: string;
  cron: string;
  /** Does the work and says how many rows it stored. */
  run: () => Promise<number>;
}

/**
 * Registers the background jobs: one cron each, a run never overlaps the previous one
 * (waitForCompletion), failures are logged and never escape. With ENABLE_BACKGROUND_TASKS=false
 * nothing is scheduled.
 */
@Injectable()
export class JobScheduler {
  private readonly logger = new Logger(JobScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.features.backgroundTasks;
  }

  /** Schedules the job when background tasks are on; returns it so callers can run it at once. */
  schedule(job: JobDefinition): CronJob | undefined {
    if (!this.enabled) {
      return undefined;
    }
    const cronJob = CronJob.from({
      cronTime: job.cron,
      waitForCompletion: true,
      start: true,
      onTick: async () => {
        try {
          this.logger.log(`${job.name}: stored ${await job.run()} rows`);
        } catch (error) {
          this.logger.warn(`${job.name} failed: ${(error as Error).message}`);
        }
      },
    });
    this.registry.addCronJob(job.name, cronJob);
    return cronJob;
  }
}
