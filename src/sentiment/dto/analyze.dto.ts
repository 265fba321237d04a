import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';

const TEXT_RULE = 'text must be a string of 1 to 10000 characters';

export class AnalyzeTextDto {
  /** The text to score, 1..10,000 characters. @example "Bitcoin surges to a record high as ETF inflows accelerate" */
  @IsString({ message: TEXT_RULE })
  @Length(1, 10_000, { message: TEXT_RULE })
  text!: string;
}

export class AnalyzeBatchDto {
  /** 1..64 texts of 1..10,000 characters each. @example ["Bitcoin rallies to a new high", "Exchange hacked, funds stolen"] */
  @IsArray({ message: 'texts must be an array of 1 to 64 strings' })
  @ArrayMinSize(1, { message: 'texts must hold at least 1 text' })
  @ArrayMaxSize(64, { message: 'texts may hold at most 64 texts' })
  @IsString({ each: true, message: 'each of texts must be a string of 1 to 10000 characters' })
  @Length(1, 10_000, {
    each: true,
    message: 'each of texts must be a string of 1 to 10000 characters',
  })
  texts!: string[];
}

export class TextSentimentDto {
  /** The first 100 characters of the text. @example "Bitcoin surges to a record high as ETF inflows accelerate" */
  text!: string;

  /** POSITIVE or NEGATIVE (upper case, as the hub SST-2 models name them). @example "POSITIVE" */
  label!: string;

  /** The model's score for the label, 0..1 (how far it is a calibrated probability: see the model card). @example 0.966 */
  score!: number;

  /**
   * positive, negative or neutral: the label in lower case, or neutral when `confidence` is below
   * SENTIMENT_NEUTRAL_BELOW (default 0.6), i.e. the model cannot tell. @example "positive"
   */
  sentiment!: 'positive' | 'negative' | 'neutral';

  /** The model's probability for `label`, 0.5..1 for a two-class model (same as `score`). @example 0.966 */
  confidence!: number;

  /** The model that scored it: a hub id or a bundled model's name. @example "cdt-sentiment-binary" */
  model!: string;

  /** When it was scored (ISO 8601). @example "2026-11-28T10:00:00.000Z" */
  timestamp!: string;
}

export class BatchSentimentDto {
  /** One result per text, in order. */
  results!: TextSentimentDto[];

  /** How many texts were scored. @example 2 */
  count!: number;
}

export class MarketScoresDto {
  /** @example 0.91 */
  bullish!: number;

  /** @example 0.02 */
  bearish!: number;

  /** @example 0.07 */
  neutral!: number;
}

export class MarketSentimentDto {
  /** bullish, bearish or neutral. @example "bullish" */
  sentiment!: string;

  scores!: MarketScoresDto;

  /** @example "cdt-market-sentiment" */
  model!: string;

  /** zero-shot (the NLI model in ZERO_SHOT_MODEL) or classifier (a three-class model). @example "classifier" */
  method!: string;

  /** The first 100 characters of the text. */
  text!: string;

  /** @example "2026-11-28T10:00:00.000Z" */
  timestamp!: string;
}
