import { Matches } from 'class-validator';
import { OptionalIntField } from '../../core/web/int-field.decorator';

export class MoodScoreDto {
  /** positive, negative or neutral (mean score within ±0.1 of zero). @example "positive" */
  label!: string;

  /** Mean of +score for positive and -score for negative headlines, -1..1. @example 0.214 */
  score!: number;

  /** Scored headlines counted. @example 42 */
  count!: number;
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

  /** @example "POSITIVE" */
  label!: string;

  /** @example 0.97 */
  score!: number;

  /** @example "2026-11-28T09:12:00.000Z" */
  published_at!: string;
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

  overall_sentiment!: MoodScoreDto;

  /** The coin's scored headlines in the window, newest first (up to 20). */
  recent!: HeadlineScoreDto[];

  window!: SentimentWindowDto;
}
