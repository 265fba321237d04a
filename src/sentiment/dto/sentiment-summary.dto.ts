import { Matches } from 'class-validator';
import { OptionalIntField } from '../../core/web/int-field.decorator';
import { NewsMarketSentimentDto } from '../../news/dto/news.dto';

export class MoodScoreDto {
  /** positive, negative or neutral (mean score within ±0.1 of zero). @example "positive" */
  label!: string;

  /** Mean of +score for positive and -score for negative headlines, -1..1. @example 0.214 */
  score!: number;

  /** Scored headlines counted. @example 42 */
  count!: number;
}

export class MarketSharesDto {
  /** Fraction of the headlines the market model labelled bullish, 0..1. @example 0.45 */
  bullish!: number;

  /** @example 0.3 */
  bearish!: number;

  /** @example 0.25 */
  neutral!: number;
}

export class MarketMoodDto {
  /** bullish (score above +0.1), bearish (below -0.1) or neutral. @example "bullish" */
  label!: string;

  /** Mean of P(bullish) - P(bearish) over the headlines, -1..1. @example 0.12 */
  score!: number;

  /** How the headlines split between the three labels (0 each when there are none). */
  shares!: MarketSharesDto;

  /** Headlines the market model scored. @example 42 */
  count!: number;
}

export class MarketCountsDto {
  /** Headlines in the window the market model scored. @example 42 */
  total!: number;

  /** @example 19 */
  bullish!: number;

  /** @example 13 */
  bearish!: number;

  /** @example 10 */
  neutral!: number;

  /** Headlines in the window still waiting for the market model. @example 0 */
  unscored!: number;
}

export class ModelUseDto {
  /** @example "cdt-market-sentiment" */
  model!: string;

  /** A digest of the model's files (changes when it is retrained); null if unreadable. @example "3f9a0c1d2b4e5f60" */
  revision!: string | null;

  /** Headlines in the window this model scored. @example 42 */
  count!: number;

  /** Whether it serves the role now; other models' rows wait for the `sentiment-rescore` job. @example true */
  active!: boolean;
}

export class SentimentModelsDto {
  /** The models behind the binary view (`overall_sentiment`, `counts`, `by_*`). */
  binary!: ModelUseDto[];

  /** The models behind the market view (`market_*`). */
  market!: ModelUseDto[];
}

export class HeadlineScoreDto {
  /** @example 17 */
  id!: number;

  /** @example "Bitcoin surges to a record high as ETF inflows accelerate" */
  title!: string;

  /** @example "https://www.coindesk.com/markets/2026/11/28/bitcoin-record" */
  url!: string;

  /** @example "CoinDesk" */
  source!: string;

  /** The binary label, POSITIVE or NEGATIVE ("" while unscored). @example "POSITIVE" */
  label!: string;

  /** The binary model's score for the label (0 while unscored). @example 0.97 */
  score!: number;

  /** @example "2026-11-28T09:12:00.000Z" */
  published_at!: string;

  /** The market model's view; null while unscored. */
  market!: NewsMarketSentimentDto | null;
}

export class TopMarketDto {
  /** Up to 5 bullish headlines, highest P(bullish) - P(bearish) first. */
  most_bullish!: HeadlineScoreDto[];

  /** Up to 5 bearish headlines, lowest P(bullish) - P(bearish) first. */
  most_bearish!: HeadlineScoreDto[];
}

export class TopSentimentsDto {
  /** Up to 5 headlines, most positive first. */
  most_positive!: HeadlineScoreDto[];

  /** Up to 5 headlines, most negative first. */
  most_negative!: HeadlineScoreDto[];
}

export class SentimentCountsDto {
  /** Scored headlines in the window. @example 42 */
  total!: number;

  /** @example 25 */
  positive!: number;

  /** @example 15 */
  negative!: number;

  /** @example 2 */
  neutral!: number;

  /** Headlines in the window still waiting for a score. @example 0 */
  unscored!: number;
}

export class SentimentWindowDto {
  /** SENTIMENT_WINDOW_HOURS. @example 24 */
  hours!: number;

  /** @example "2026-11-27T10:00:00.000Z" */
  from!: string;

  /** @example "2026-11-28T10:00:00.000Z" */
  to!: string;
}

export class FearGreedLatestDto {
  /** @example 25 */
  value!: number;

  /** @example "Extreme Fear" */
  classification!: string;

  /** @example "2026-11-28T00:00:00.000Z" */
  timestamp!: string;
}

export class SentimentSummaryDto {
  /** The market view: bullish / bearish / neutral from the three-class market model. */
  market_sentiment!: MarketMoodDto;

  market_counts!: MarketCountsDto;

  top_market!: TopMarketDto;

  /** Market mood per news source. @example {"CoinDesk":{"label":"bullish","score":0.2,"shares":{"bullish":0.5,"bearish":0.2,"neutral":0.3},"count":10}} */
  market_by_source!: Record<string, MarketMoodDto>;

  /** Market mood per coin mentioned. @example {"BTC":{"label":"bullish","score":0.2,"shares":{"bullish":0.5,"bearish":0.2,"neutral":0.3},"count":12}} */
  market_by_coin!: Record<string, MarketMoodDto>;

  /** The models each view was aggregated from, so a mix is visible. */
  models!: SentimentModelsDto;

  /** The binary view (POSITIVE/NEGATIVE), kept for compatibility. */
  overall_sentiment!: MoodScoreDto;

  /** The latest stored Fear & Greed value; null before the first fetch. */
  fear_greed_index!: FearGreedLatestDto | null;

  top_sentiments!: TopSentimentsDto;

  /** Mood per news source. @example {"CoinDesk":{"label":"positive","score":0.3,"count":10}} */
  by_source!: Record<string, MoodScoreDto>;

  /** Mood per coin mentioned. @example {"BTC":{"label":"positive","score":0.25,"count":12}} */
  by_coin!: Record<string, MoodScoreDto>;

  counts!: SentimentCountsDto;

  window!: SentimentWindowDto;
}

export class SentimentHistoryQueryDto {
  /** Days back, 1..90. @example 7 */
  @OptionalIntField('days', 1, 90)
  days: number = 7;
}

export class DailyMoodDto extends MoodScoreDto {
  /** The UTC day. @example "2026-11-28" */
  date!: string;

  /** @example 25 */
  positive!: number;

  /** @example 15 */
  negative!: number;

  /** The market view of the day's headlines. */
  market!: MarketMoodDto;
}

export class SentimentHistoryDto {
  /** @example 7 */
  days!: number;

  /** Oldest day first; days without scored news have count 0. */
  data!: DailyMoodDto[];
}

export class CoinParamDto {
  /** A ticker as tagged on news, e.g. BTC. @example "BTC" */
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'symbol must be 1 to 64 letters, digits or -' })
  symbol!: string;
}

export class CoinSentimentDto {
  /** @example "BTC" */
  symbol!: string;

  /** The market view of the coin's headlines. */
  market_sentiment!: MarketMoodDto;

  /** The binary view, kept for compatibility. */
  overall_sentiment!: MoodScoreDto;

  /** The coin's scored headlines in the window, newest first (up to 20). */
  recent!: HeadlineScoreDto[];

  window!: SentimentWindowDto;
}
