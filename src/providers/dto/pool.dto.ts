import { ListMetaDto } from '../../core/web/dto/response-meta.dto';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PROVIDER_CATEGORIES } from '../../core/config';
import { POOL_STRATEGIES } from '../pools/pool-strategy';

export class PoolMemberInputDto {
  /** Provider id. @example "binance" */
  @IsString()
  provider!: string;

  /** Share under the weighted strategy. @example 2 */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  weight?: number;
}

export class CreatePoolDto {
  /** Unique name. @example "prices-fast" */
  @Matches(/^[a-z0-9][a-z0-9_-]{0,59}$/, {
    message: 'name must be 1-60 lower-case letters, digits, - or _',
  })
  name!: string;

  /** The kind of data the pool serves. @example "prices" */
  @IsIn(PROVIDER_CATEGORIES)
  category!: (typeof PROVIDER_CATEGORIES)[number];

  /** How to order the members for each call. @example "least_latency" */
  @IsIn(POOL_STRATEGIES)
  strategy!: (typeof POOL_STRATEGIES)[number];

  /** Members in order; default: every provider of the category. */
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => PoolMemberInputDto)
  members?: PoolMemberInputDto[];
}

export class PoolMemberDto {
  /** @example "coingecko" */
  provider!: string;

  /** @example 1 */
  weight!: number;

  /** @example 0 */
  position!: number;
}

export class PoolDto {
  /** @example 1 */
  id!: number;

  /** @example "prices" */
  name!: string;

  /** @example "prices" */
  category!: string;

  /** priority, round_robin, weighted or least_latency. @example "priority" */
  strategy!: string;

  created_at!: string;

  /** True for the pool in use for its category (the newest one). */
  active!: boolean;

  members!: PoolMemberDto[];

  /** The order the next call would try, given current health. @example ["coingecko","binance","kraken"] */
  next_order!: string[];
}

export class PoolsResponseDto {
  data!: PoolDto[];

  meta!: ListMetaDto;
}
