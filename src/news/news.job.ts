import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../core/jobs';
import { type FeedOutcome, NewsIngestService } from './news-ingest.service';

/**
 * Every 30 minutes (SCHEDULE_NEWS) and once at start, so a new deployment has news at once:
 * every feed fetched (conditionally), new items stored. The run failed when every feed failed.
 */
@Injectable()
export class NewsJob extends ScheduledJobs {
  constructor(
    jobs: JobScheduler,
    private readonly ingest: NewsIngestService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    return [
      {
        name: 'news',
        cron: this.config.schedule.news,
        run: async () => storedOrFailed(await this.ingest.ingestAll()),
        runAtStart: true,
      },
    ];
  }
}

/** Rows stored; a run in which no feed answered is a failed run (health shows it), not "0 new". */
function storedOrFailed(outcomes: FeedOutcome[]): number {
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  if (outcomes.length > 0 && failed.length === outcomes.length) {
    throw new Error(
      `every feed failed: ${failed.map((outcome) => `${outcome.feed}: ${outcome.error}`).join('; ')}`,
    );
  }
  return outcomes.reduce((sum, outcome) => sum + outcome.stored, 0);
}
