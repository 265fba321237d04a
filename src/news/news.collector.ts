import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { JobScheduler } from '../core/jobs';
import { NewsIngestService } from './news-ingest.service';

/**
 * Every 30 minutes (SCHEDULE_NEWS) and once at start, so a new deployment has news at once:
 * every feed fetched (conditionally), new items stored.
 */
@Injectable()
export class NewsCollector implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly ingest: NewsIngestService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({
      name: 'news',
      cron: this.config.schedule.news,
      run: async () =>
        (await this.ingest.ingestAll()).reduce((sum, outcome) => sum + outcome.stored, 0),
      runAtStart: true,
    });
  }
}
