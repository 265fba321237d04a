import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { parseInstant } from '../history-range';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import {
  BackfillDto,
  BackfillFailureDto,
  ResponseMetaDto,
} from '../../core/web/dto/response-meta.dto';
import { OptionalIntField } from '../../core/web/int-field.decorator';

export const HISTORY_INTERVALS = ['5m', '1h', '1d', 'auto'] as const;
export type HistoryInterval = (typeof HISTORY_INTERVALS)[number];

/** Days of history when the caller does not say (cut to the tier's depth). */
export const DEFAULT_HISTORY_DAYS = 30;

export class HistoryQueryDto {
  /** How far back, in days (1..90, the retention window); default 30, or the tier's depth when less. @example 30 */
  @OptionalIntField('days', 1, 90)
  days?: number;

  /**
   * Start of a range instead of days: UNIX seconds or ISO 8601 (within the last 365 days).
   * @example "2026-11-20T00:00:00Z"
   */
  @ApiProperty({ type: String, required: false, example: '2026-11-20T00:00:00Z' })
  @IsOptional()
  @Transform(({ value }) => parseInstant(value))
  @IsDate({ message: 'from must be UNIX seconds or an ISO 8601 date or date-time' })
  from?: Date;

  /** End of the range (default now): UNIX seconds or ISO 8601. @example "1795828500" */
  @ApiProperty({ type: String, required: false, example: '1795828500' })
  @IsOptional()
  @Transform(({ value }) => parseInstant(value))
  @IsDate({ message: 'to must be UNIX seconds or an ISO 8601 date or date-time' })
  to?: Date;

  /** Point spacing; auto picks the finest giving at most about 1,000 points. @example "1h" */
  @IsOptional()
  @IsIn(HISTORY_INTERVALS, { message: `interval must be one of ${HISTORY_INTERVALS.join(', ')}` })
  interval: HistoryInterval = 'auto';

  /** json (default) or csv (text/csv with a header row). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class HistoryPointDto {
  /** Start of the bucket (ISO 8601). @example "2026-11-27T01:00:00.000Z" */
  timestamp!: string;

  /** Average price in the bucket, USD. @example 97012.4 */
  price!: number;

  /** Average 24 h trading volume in the bucket, USD; null where the source gives none (Binance klines). @example 38211902211.01 */
  volume_24h!: number | null;

  /** Average market cap in the bucket, USD; null where the source gives none (Binance klines). @example 1938211092311.88 */
  market_cap!: number | null;
}

/** Read from the database (provider "database"); stale when a needed backfill failed. */
export class HistoryMetaDto extends ResponseMetaDto {
  /** @example "BTC" */
  symbol!: string;

  /** The bucket size used. @example "1h" */
  interval!: string;

  /** @example 720 */
  points!: number;

  /** @example "2026-10-29T02:00:00.000Z" */
  from!: string;

  /** @example "2026-11-28T02:00:00.000Z" */
  to!: string;

  /** Set when the database covered less than asked and history was fetched upstream. */
  backfilled!: BackfillDto | null;

  /** Set when the database covered less than asked and no upstream could fill the gap: what is stored is served, marked stale. */
  backfill_failed!: BackfillFailureDto | null;
}

export class HistoryResponseDto {
  /** Oldest first. */
  data!: HistoryPointDto[];

  meta!: HistoryMetaDto;
}
