import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { FearGreedStore } from '../fear-greed/fear-greed.store';
import { NewsStore, type ScoredNewsRow } from '../news/news.store';
import { ModelManager } from './engine/model-manager.service';
import { modelUse, summariseMarket } from './market-mood';
import type {
  CoinSentimentDto,
  SentimentHistoryDto,
  SentimentModelsDto,
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
    private readonly models: ModelManager,
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
    const market = summariseMarket(rows);
    const latest = fearGreed.points[0];
    return {
      market_sentiment: market.overall,
      market_counts: { ...market.counts, unscored: unscored.market },
      top_market: { most_bullish: market.mostBullish, most_bearish: market.mostBearish },
      market_by_source: market.bySource,
      market_by_coin: market.byCoin,
      models: this.modelsUsed(rows),
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
      counts: { ...summary.counts, unscored: unscored.binary },
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
      market_sentiment: summariseMarket(rows).overall,
      overall_sentiment: summary.overall,
      recent: rows.slice(-RECENT_FOR_COIN).reverse().map(headline),
      window,
    };
  }

  /** Which models scored the headlines of each view: a mix is shown, never hidden. */
  private modelsUsed(rows: readonly ScoredNewsRow[]): SentimentModelsDto {
    const active = (role: 'sentiment' | 'financial') => {
      const state = this.models.active(role);
      return state && { name: state.spec.name, revision: state.revision };
    };
    return {
      binary: modelUse(
        rows.map((r) => (r.sentiment === null ? null : r.sentimentModel)),
        rows.map((r) => r.sentimentRevision),
        active('sentiment'),
      ),
      market: modelUse(
        rows.map((r) => (r.marketSentiment === null ? null : r.marketModel)),
        rows.map((r) => r.marketRevision),
        active('financial'),
      ),
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
