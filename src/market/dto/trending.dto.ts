import { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';

export class TrendingCoinDto {
  /** Position in the trending list, 1 first. @example 1 */
  rank!: number;

  /** The provider's coin id. @example "solana" */
  id!: string;

  /** @example "SOL" */
  symbol!: string;

  /** @example "Solana" */
  name!: string;

  /** @example 6 */
  market_cap_rank!: number | null;

  /** @example 241.5 */
  price_usd!: number | null;

  /** The provider's trending score (0 = most searched); with `meta.basis` "movers", the position by 24 h move (0 = largest). @example 0 */
  score!: number;
}

export class TrendingMetaDto extends ResponseMetaDto {
  /**
   * What the list is: "trending" (a provider's most searched coins, fresh or stored) or "movers"
   * (no trending list anywhere: the coins among the top 100 by market cap that moved most over
   * 24 h, either way, from the `market` provider named in `provider`). @example "trending"
   */
  basis!: 'trending' | 'movers';
}

export class TrendingResponseDto {
  data!: TrendingCoinDto[];

  meta!: TrendingMetaDto;
}
