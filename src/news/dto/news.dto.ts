import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, Matches, MaxLength, Min } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import { OptionalIntField } from '../../core/web/int-field.decorator';
import { MarketScoresDto } from '../../sentiment/dto/analyze.dto';

export class NewsQueryDto {
  /** Page number, 1 first. @example 1 */
  @OptionalIntField('page', 1, 10000)
  page: number = 1;

  /** Items per page (1..100). @example 20 */
  @OptionalIntField('limit', 1, 100)
  limit: number = 20;

  /** Only this feed (name as in /api/news/sources, any case). @example "CoinDesk" */
  @IsOptional()
  @MaxLength(100, { message: 'source must be at most 100 characters' })
  source?: string;

  /** Only items mentioning this ticker. @example "BTC" */
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'symbol must be 1-20 letters or digits' })
  symbol?: string;

  /** Only items published at or after this instant (ISO 8601). @example "2026-11-27T00:00:00Z" */
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be an ISO 8601 date or date-time' })
  since?: Date;

  /**
   * json (default) or csv: text/csv with a header row, symbols joined with ";", each sentiment as
   * its label and score. @example "json"
   */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class NewsIdDto {
  /** @example 42 */
  @Type(() => Number)
  @IsInt({ message: 'id must be a positive integer' })
  @Min(1, { message: 'id must be a positive integer' })
  id!: number;
}

export class NewsSentimentDto {
  /** POSITIVE or NEGATIVE. @example "POSITIVE" */
  label!: string;

  /** @example 0.93 */
  score!: number | null;

  /** The model that scored the item. @example "cdt-sentiment-binary" */
  model!: string | null;
}

export class NewsMarketSentimentDto {
  /** bullish, bearish or neutral: the three-class market model's label. @example "bullish" */
  label!: string;

  /** The model's probability for each label (they sum to 1). */
  scores!: MarketScoresDto;

  /** The market model that scored the item. @example "cdt-market-sentiment" */
  model!: string | null;
}

export class NewsItemDto {
  /** @example 42 */
  id!: number;

  /** At most 300 characters: a longer title is cut to 299 and ends in "…". @example "Bitcoin slips below $95K as ETF outflows extend" */
  title!: string;

  /** Canonical link, tracking parameters removed. @example "https://www.coindesk.com/markets/2026/11/27/bitcoin-slips" */
  url!: string;

  /** Plain-text summary from the feed. */
  summary!: string | null;

  /** The feed's name. @example "CoinDesk" */
  source!: string;

  /** ISO 8601; the fetch time when the feed gives no date. @example "2026-11-27T22:15:00.000Z" */
  published_at!: string;

  /** @example "https://www.coindesk.com/resizer/v2/abc.jpg" */
  image_url!: string | null;

  /** Known coins the title or summary mentions. @example ["BTC"] */
  symbols!: string[];

  /** The binary (POSITIVE/NEGATIVE) view; null until the sentiment model has scored the item. */
  sentiment!: NewsSentimentDto | null;

  /** The market (bullish/bearish/neutral) view; null until the market model has scored the item. */
  market_sentiment!: NewsMarketSentimentDto | null;
}

export class NewsPageMetaDto {
  /** Items matching the filters. @example 137 */
  total!: number;

  /** @example 1 */
  page!: number;

  /** @example 20 */
  limit!: number;

  /** @example 7 */
  pages!: number;
}

export class NewsPageDto {
  data!: NewsItemDto[];

  meta!: NewsPageMetaDto;
}

export class NewsItemResponseDto {
  data!: NewsItemDto;
}

export class NewsSourceDto {
  /** @example "CoinDesk" */
  name!: string;

  /** @example "https://www.coindesk.com/arc/outboundfeeds/rss/" */
  url!: string;

  /** Last fetch attempt (ISO 8601); null before the first. */
  last_fetched_at!: string | null;

  /** Last successful fetch (ISO 8601). */
  last_success_at!: string | null;

  /** Items from this feed stored so far. @example 120 */
  items_stored!: number;

  /** Why the last fetch failed; null when it succeeded. */
  last_error!: string | null;
}

export class NewsSourcesResponseDto {
  data!: NewsSourceDto[];
}
