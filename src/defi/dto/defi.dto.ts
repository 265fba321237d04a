import { IsIn, IsOptional, Matches } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import {
  BackfillDto,
  BackfillFailureDto,
  ResponseMetaDto,
} from '../../core/web/dto/response-meta.dto';
import { OptionalIntField } from '../../core/web/int-field.decorator';

export class DefiQueryDto {
  /** How many protocols, largest TVL first (1..100). @example 20 */
  @OptionalIntField('limit', 1, 100)
  limit: number = 20;

  /** json (default) or csv (text/csv with a header row; chains joined with ";"). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class DefiProtocolDto {
  /** @example "Aave" */
  name!: string;

  /** DeFi Llama's id for the protocol. @example "aave" */
  slug!: string;

  /** Total value locked, USD. @example 23456789012.34 */
  tvl!: number;

  /** Main chain, or "Multi-Chain". @example "Multi-Chain" */
  chain!: string | null;

  /** @example ["Ethereum","Arbitrum"] */
  chains!: string[];

  /** Governance token; null when it has none. @example "AAVE" */
  symbol!: string | null;

  /** @example "Lending" */
  category!: string | null;

  /** TVL change over 1 day, percent. @example 0.8 */
  change_1d!: number | null;

  /** TVL change over 7 days, percent. @example -2.1 */
  change_7d!: number | null;
}

export class DefiResponseDto {
  data!: DefiProtocolDto[];

  meta!: ResponseMetaDto;
}

/** Days of the TVL chart when the caller does not say (cut to the tier's depth). */
export const DEFAULT_CHART_DAYS = 30;

export class TvlChartQueryDto {
  /** How many days back (1..365); default 30, or the tier's depth when less. @example 30 */
  @OptionalIntField('days', 1, 365)
  days?: number;

  /** json (default) or csv (text/csv with a header row). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class TvlPointDto {
  /** 00:00 UTC of the day (ISO 8601). @example "2026-11-27T00:00:00.000Z" */
  date!: string;

  /** Total DeFi TVL that day, USD. @example 95123456789 */
  tvl!: number;
}

/** Read from the database (provider "database"); stale when a needed backfill failed. */
export class TvlChartMetaDto extends ResponseMetaDto {
  /** @example 30 */
  points!: number;

  /** First day returned (ISO 8601), null when none. */
  from!: string | null;

  /** Last day returned (ISO 8601), null when none. */
  to!: string | null;

  /** Set when days missing from the database were fetched and stored for this answer. */
  backfilled!: BackfillDto | null;

  /** Set when days were missing and DeFi Llama could not fill them: the stored days are served, marked stale. */
  backfill_failed!: BackfillFailureDto | null;
}

export class TvlChartResponseDto {
  data!: TvlPointDto[];

  meta!: TvlChartMetaDto;
}

export class ProtocolSlugDto {
  /** @example "aave" */
  @Matches(/^[a-z0-9][a-z0-9.-]{0,199}$/, {
    message: 'slug must be lower-case letters, digits, "." or "-"',
  })
  slug!: string;
}

export class ProtocolQueryDto {
  /** How many days of stored history (1..365; the free tier goes 7 days back). @example 7 */
  @OptionalIntField('days', 1, 365)
  days: number = 7;
}

export class ProtocolTvlPointDto {
  /** When the collector stored the value (ISO 8601). */
  timestamp!: string;

  /** @example 23456789012.34 */
  tvl!: number;
}

export class ProtocolDetailDto extends DefiProtocolDto {
  /** When this row was fetched (ISO 8601). */
  as_of!: string;

  /** The stored TVL of this protocol over `days`, oldest first (one point per collector run). */
  history!: ProtocolTvlPointDto[];
}

export class ProtocolDetailResponseDto {
  data!: ProtocolDetailDto;

  /** provider "database" when the protocol has stored rows, else the live list's source. */
  meta!: ResponseMetaDto;
}

export class ChainTvlDto {
  /** @example "Ethereum" */
  name!: string;

  /** @example 62000000000 */
  tvl!: number;

  /** @example "ETH" */
  token_symbol!: string | null;
}

export class ChainsQueryDto {
  /** json (default) or csv (text/csv with a header row). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class ChainsResponseDto {
  data!: ChainTvlDto[];

  meta!: ResponseMetaDto;
}
