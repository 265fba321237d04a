import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import { VsCurrenciesField } from '../../currencies/dto/vs-field.decorator';
import { OptionalIntField } from '../../core/web/int-field.decorator';
import { TopCoinDto } from './market.dto';
import { MarketMetaDto } from './market-vs.dto';
import { CHANGE_WINDOWS, type ChangeWindow, MARKET_LIST_VS } from './top-coins.dto';

const MIN_VOLUME_MESSAGE = 'min_volume must be a number from 0 to 1e15';

export class MoversQueryDto {
  /** The change window gainers and losers are ranked by. @example "24h" */
  @ApiProperty({ enum: CHANGE_WINDOWS, required: false })
  @IsOptional()
  @IsIn(CHANGE_WINDOWS, { message: `window must be one of ${CHANGE_WINDOWS.join(', ')}` })
  window: ChangeWindow = '24h';

  /** Only coins among this many largest by market cap (1..250). @example 100 */
  @OptionalIntField('top', 1, 250)
  top: number = 100;

  /** Only coins with at least this 24 h volume, USD. @example 1000000 */
  @ApiProperty({ type: Number, minimum: 0, maximum: 1e15, required: false })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: MIN_VOLUME_MESSAGE })
  @Min(0, { message: MIN_VOLUME_MESSAGE })
  @Max(1e15, { message: MIN_VOLUME_MESSAGE })
  min_volume: number = 0;

  /** Gainers and losers each (1..50). @example 10 */
  @OptionalIntField('limit', 1, 50)
  limit: number = 10;

  @VsCurrenciesField(`${MARKET_LIST_VS}; min_volume stays USD`)
  vs?: string[];

  /** json (default) or csv (one row per mover, `side` gainer or loser). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class MoverDto extends TopCoinDto {
  /** Percent over the window asked for, as the provider served it. @example 7.42 */
  change_pct!: number;
}

export class MoversDto {
  /** Coins that rose over the window, largest rise first. */
  gainers!: MoverDto[];

  /** Coins that fell over the window, largest fall first. */
  losers!: MoverDto[];
}

export class MoversMetaDto extends MarketMetaDto {
  /** The change window the movers are ranked by. @example "24h" */
  window!: string;

  /** How many of the largest coins by market cap were considered. @example 100 */
  top!: number;

  /** The 24 h volume floor applied, USD. @example 1000000 */
  min_volume!: number;

  /** Coins of the top list that had a change over the window and met the volume floor. @example 87 */
  eligible!: number;
}

export class MoversResponseDto {
  data!: MoversDto;

  meta!: MoversMetaDto;
}
