import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import { OptionalIntField } from '../../core/web/int-field.decorator';
import { VsCurrenciesField } from '../../currencies/dto/vs-field.decorator';
import { MARKET_ORDERS } from '../../providers/provider.types';
import { MarketMetaDto } from './market-vs.dto';
import { TopCoinDto } from './market.dto';

export const CHANGE_WINDOWS = ['1h', '24h', '7d'] as const;
export type ChangeWindow = (typeof CHANGE_WINDOWS)[number];

/** Orders by change are applied to the market-cap page asked for: CoinGecko cannot sort by change. */
export const CHANGE_ORDERS = CHANGE_WINDOWS.flatMap(
  (w) => [`change_${w}_desc`, `change_${w}_asc`] as const,
);
export const TOP_COINS_ORDERS = [...MARKET_ORDERS, ...CHANGE_ORDERS] as const;
export type TopCoinsOrder = (typeof TOP_COINS_ORDERS)[number];

/** The `vs` of the market lists (top coins, movers). */
export const MARKET_LIST_VS =
  'Other than usd, each coin also comes in `quotes`, per currency: price, market cap and volume converted from USD at the stored rate (meta.converted); percentage changes and the order stay those of the USD list';

const splitList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export class TopCoinsQueryDto {
  /** Page number, 1 first; a page past the end of the list is an empty list. @example 1 */
  @OptionalIntField('page', 1, 10000)
  page: number = 1;

  /** Coins per page (1..250). @example 100 */
  @OptionalIntField('per_page', 1, 250)
  per_page?: number;

  /** Older name of per_page, still accepted; per_page wins when both are given. @example 50 */
  @OptionalIntField('limit', 1, 250)
  limit?: number;

  /**
   * market_cap_desc (default), market_cap_asc, volume_desc, volume_asc: the provider's own order,
   * paged across the whole market. change_1h|24h|7d_desc|asc: the coins of that market-cap page,
   * sorted by their change (coins without one last).
   * @example "market_cap_desc"
   */
  @ApiProperty({ enum: TOP_COINS_ORDERS, required: false })
  @IsOptional()
  @IsIn(TOP_COINS_ORDERS, { message: `order must be one of ${TOP_COINS_ORDERS.join(', ')}` })
  order: TopCoinsOrder = 'market_cap_desc';

  /**
   * Comma-separated change windows to add to each coin as
   * price_change_percentage_<window>_in_currency, as CoinGecko does. @example "1h,24h,7d"
   */
  @ApiProperty({ type: String, required: false, example: '1h,24h,7d' })
  @IsOptional()
  @Transform(splitList)
  @IsIn(CHANGE_WINDOWS, {
    each: true,
    message: `price_change_percentage must list windows among ${CHANGE_WINDOWS.join(', ')}`,
  })
  price_change_percentage: ChangeWindow[] = [];

  @VsCurrenciesField(MARKET_LIST_VS)
  vs?: string[];

  /** json (default) or csv (text/csv with a header row). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class TopCoinRowDto extends TopCoinDto {
  /** Percent over 1 hour (only with price_change_percentage=1h); null when the provider gave none. @example 0.42 */
  @ApiProperty({ type: Number, nullable: true, required: false, example: 0.42 })
  price_change_percentage_1h_in_currency?: number | null;

  /** Percent over 24 hours (only with price_change_percentage=24h). @example -1.84 */
  @ApiProperty({ type: Number, nullable: true, required: false, example: -1.84 })
  price_change_percentage_24h_in_currency?: number | null;

  /** Percent over 7 days (only with price_change_percentage=7d); null when the provider gave none. @example 5.1 */
  @ApiProperty({ type: Number, nullable: true, required: false, example: 5.1 })
  price_change_percentage_7d_in_currency?: number | null;
}

export class TopCoinsMetaDto extends MarketMetaDto {
  /** The page served, 1 first. @example 1 */
  page!: number;

  /** Coins per page asked for. @example 100 */
  per_page!: number;

  /** The order the page is in. @example "market_cap_desc" */
  order!: string;

  /** Coins on this page; fewer than per_page on the last page, 0 past the end. @example 100 */
  count!: number;
}

export class TopCoinsResponseDto {
  data!: TopCoinRowDto[];

  meta!: TopCoinsMetaDto;
}
