import { IsIn, IsOptional } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';
import { MarketMetaDto, OverviewInCurrencyDto } from './market-vs.dto';
import { PriceDto } from './prices.dto';
import { OptionalIntField } from '../../core/web/int-field.decorator';

export class TopCoinDto extends PriceDto {
  /** Rank by market cap. @example 1 */
  rank!: number | null;
}

export class MarketOverviewDto {
  /** @example 3400000000000 */
  total_market_cap_usd!: number;

  /** @example 120000000000 */
  total_volume_24h_usd!: number;

  /** Bitcoin's share of the total market cap, percent. @example 56.1 */
  btc_dominance!: number | null;

  /** @example 12.4 */
  eth_dominance!: number | null;

  /** @example -0.8 */
  market_cap_change_24h_pct!: number | null;

  /** @example 17000 */
  active_cryptocurrencies!: number;

  /** @example 97123.45 */
  btc_price!: number | null;

  /** @example 3501.2 */
  eth_price!: number | null;

  /** The ten largest coins by market cap. */
  top!: TopCoinDto[];

  /** Only with `vs`: the totals and BTC/ETH prices per currency asked for. */
  in?: Record<string, OverviewInCurrencyDto>;
}

export class MarketResponseDto {
  data!: MarketOverviewDto;

  meta!: MarketMetaDto;
}

export class SnapshotsQueryDto {
  /** How far back, in hours (1..2160, the 90-day retention). @example 24 */
  @OptionalIntField('hours', 1, 2160)
  hours: number = 24;

  /** json (default) or csv (text/csv with a header row). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class SnapshotDto {
  /** @example "2026-11-28T02:00:00.000Z" */
  timestamp!: string;

  /** @example 97123.45 */
  btc_price!: number | null;

  /** @example 3501.2 */
  eth_price!: number | null;

  /** Total market cap, USD. @example 3400000000000 */
  market_cap!: number | null;

  /** @example 120000000000 */
  volume_24h!: number | null;

  /** @example 56.1 */
  btc_dominance!: number | null;
}

/** Read from the database: provider "database", as of the newest snapshot. */
export class SnapshotsMetaDto extends ResponseMetaDto {
  /** @example 288 */
  points!: number;

  /** Start of the window asked for (ISO 8601). @example "2026-11-27T02:00:00.000Z" */
  from!: string;

  /** End of the window, now (ISO 8601). @example "2026-11-28T02:00:00.000Z" */
  to!: string;
}

export class SnapshotsResponseDto {
  /** Oldest first. */
  data!: SnapshotDto[];

  meta!: SnapshotsMetaDto;
}
