import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { FearGreedStore } from '../fear-greed/fear-greed.store';
import { NewsStore } from '../news/news.store';
import type {
  CoinSentimentDto,
  SentimentHistoryDto,
  SentimentSummaryDto,
  SentimentWindowDto,
} from './dto/sentiment-summary.dto';
import { dailyMood } from './sentiment-history';
import { headline, summarise } from './sentiment-summary';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const RECENT_FOR_COIN = 20;

/** The market's mood from the scored headlines stored over a window, with the Fear & Greed index. */
@Injectable()
export class SentimentService {
  constructor(
    private readonly news: NewsStore,
    private readonly fearGreed: FearGreedStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async summary(): Promise<SentimentSummaryDto> {
    const window = this.window();
    const since = new Date(window.from);
    const [rows, unscored, fearGreed] = await Promise.all([
      this.news.scoredSince(since),
      this.news.countUnscoredSince(since),
      this.fearGreed.newest(1),
    ]);
    const summary = summarise(rows);
    const latest = fearGreed.points[0];
    return {
      overall_sentiment: summary.overall,
      fear_greed_index: latest
        ? {
            value: latest.value,
            classification: latest.classification,
            timestamp: latest.timestamp.toISOString(),
          }
        : null,
      top_sentiments: { most_positive: summary.mostPositive, most_negative: summary.mostNegative },
      by_source: summary.bySource,
      by_coin: summary.byCoin,
      counts: { ...summary.counts, unscored },
      window,
    };
  }

  async history(days: number): Promise<SentimentHistoryDto> {
    const to = new Date();
    const from = new Date(Math.floor((to.getTime() - (days - 1) * DAY_MS) / DAY_MS) * DAY_MS);
    return { days, data: dailyMood(await this.news.scoredSince(from), from, to) };
  }

  async coin(symbol: string): Promise<CoinSentimentDto> {
    const upper = symbol.toUpperCase();
    const window = this.window();
    const rows = (await this.news.scoredSince(new Date(window.from))).filter((r) =>
      r.symbols.includes(upper),
    );
    const summary = summarise(rows);
    return {
      symbol: upper,
      overall_sentiment: summary.overall,
      recent: rows.slice(-RECENT_FOR_COIN).reverse().map(headline),
      window,
    };
  }

  private window(): SentimentWindowDto {
    const hours = this.config.models.windowHours;
    const to = new Date();
    return {
      hours,
      from: new Date(to.getTime() - hours * HOUR_MS).toISOString(),
      to: to.toISOString(),
    };
  }
}
