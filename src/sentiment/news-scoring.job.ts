import { Injectable, Logger } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../core/jobs';
import { FearGreedService } from '../fear-greed/fear-greed.service';
import { NewsStore } from '../news/news.store';
import { RealtimePublisher } from '../core/realtime/realtime.publisher';
import { ModelManager } from './engine/model-manager.service';
import { HeadlineScorer } from './headline-scorer.service';
import { SentimentService } from './sentiment.service';

/** Per run: enough for days of news; the rest waits for the next run. */
const MAX_PER_RUN = 2_000;

/**
 * Hourly (SCHEDULE_SENTIMENT) and once the models have loaded at start: scores the missing
 * views (binary, market) of stored headlines (stored while a model was loading or failed, or
 * before the market view existed), then sends the mood summary on the real-time `sentiment`
 * channel. The summary includes the Fear & Greed index, so it is sent again after each
 * collection of the index too.
 */
@Injectable()
export class NewsScoringJob extends ScheduledJobs {
  private readonly logger = new Logger(NewsScoringJob.name);

  constructor(
    jobs: JobScheduler,
    private readonly models: ModelManager,
    private readonly scorer: HeadlineScorer,
    private readonly news: NewsStore,
    private readonly sentiment: SentimentService,
    private readonly realtime: RealtimePublisher,
    private readonly fearGreed: FearGreedService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  override onApplicationBootstrap(): void {
    this.fearGreed.onCollected(() => {
      this.publishSummary().catch((error: unknown) =>
        this.logger.warn(`sentiment summary not sent: ${(error as Error).message}`),
      );
    });
    super.onApplicationBootstrap();
  }

  protected jobs(): JobDefinition[] {
    if (!this.models.enabled) {
      return [];
    }
    return [
      {
        name: 'sentiment',
        cron: this.config.schedule.sentiment,
        run: () => this.run(),
        runAtStart: true,
      },
    ];
  }

  /** How many headlines were scored (either view). */
  async run(): Promise<number> {
    const scored = await this.scoreUnscored();
    await this.publishSummary();
    return scored;
  }

  private async publishSummary(): Promise<void> {
    this.realtime.publish('sentiment', 'sentiment', await this.sentiment.summary());
  }

  private async scoreUnscored(): Promise<number> {
    await this.models.settled();
    const pending = await this.news.unscored(MAX_PER_RUN);
    return this.scorer.score(pending, (row) => ({
      binary: row.sentiment === null,
      market: row.marketSentiment === null,
    }));
  }
}
