import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { JobScheduler } from '../core/jobs';
import { FearGreedService } from '../fear-greed/fear-greed.service';
import { NewsStore } from '../news/news.store';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ModelManager } from './engine/model-manager.service';
import { SentimentAnalyzer } from './engine/sentiment-analyzer.service';
import { SentimentService } from './sentiment.service';

const BATCH = 64;
/** Per run: enough for days of news; the rest waits for the next run. */
const MAX_PER_RUN = 2_000;

/**
 * Hourly (SCHEDULE_SENTIMENT) and once the models have loaded at start: scores every stored
 * headline that has no sentiment yet (stored while the models were loading or failed), then
 * sends the mood summary on the real-time `sentiment` channel. The summary includes the Fear &
 * Greed index, so it is sent again after each collection of the index too.
 */
@Injectable()
export class NewsScoringJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(NewsScoringJob.name);

  constructor(
    private readonly jobs: JobScheduler,
    private readonly models: ModelManager,
    private readonly analyzer: SentimentAnalyzer,
    private readonly news: NewsStore,
    private readonly sentiment: SentimentService,
    private readonly realtime: RealtimePublisher,
    private readonly fearGreed: FearGreedService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.fearGreed.onCollected(() => {
      this.publishSummary().catch((error: unknown) =>
        this.logger.warn(`sentiment summary not sent: ${(error as Error).message}`),
      );
    });
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

  /** How many headlines were scored. */
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
    let scored = 0;
    for (let i = 0; i < pending.length; i += BATCH) {
      const batch = pending.slice(i, i + BATCH);
      const results = await this.analyzer.analyze(batch.map((item) => item.title));
      for (const [j, result] of results.entries()) {
        await this.news.saveSentiment(batch[j].id, {
          sentiment: result.label,
          sentimentScore: result.score,
          sentimentModel: result.model,
        });
      }
      scored += batch.length;
    }
    return scored;
  }
}
