import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { JobScheduler } from '../core/jobs';
import { NewsStore } from '../news/news.store';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ModelManager } from './engine/model-manager.service';
import { HeadlineScorer } from './headline-scorer.service';
import { SentimentService } from './sentiment.service';

/** Per run: enough for days of news; the rest waits for the next run. */
const MAX_PER_RUN = 2_000;

/**
 * Hourly (SCHEDULE_SENTIMENT) and once the models have loaded at start: scores the missing
 * views (binary, market) of stored headlines (stored while a model was loading or failed, or
 * before the market view existed), then sends the mood summary on the real-time `sentiment`
 * channel.
 */
@Injectable()
export class NewsScoringJob implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly models: ModelManager,
    private readonly scorer: HeadlineScorer,
    private readonly news: NewsStore,
    private readonly sentiment: SentimentService,
    private readonly realtime: RealtimePublisher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.models.enabled) {
      return;
    }
    this.jobs.schedule({
      name: 'sentiment',
      cron: this.config.schedule.sentiment,
      run: () => this.run(),
      runAtStart: true,
    });
  }

  /** How many headlines were scored (either view). */
  async run(): Promise<number> {
    const scored = await this.scoreUnscored();
    this.realtime.publish('sentiment', 'sentiment', await this.sentiment.summary());
    return scored;
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
