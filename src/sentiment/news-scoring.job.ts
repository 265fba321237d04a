import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { JobScheduler } from '../core/jobs';
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
 * sends the mood summary on the real-time `sentiment` channel.
 */
@Injectable()
export class NewsScoringJob implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly models: ModelManager,
    private readonly analyzer: SentimentAnalyzer,
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

  /** How many headlines were scored. */
  async run(): Promise<number> {
    const scored = await this.scoreUnscored();
    this.realtime.publish('sentiment', 'sentiment', await this.sentiment.summary());
    return scored;
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
