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

  /** The provider's trending score (0 = most searched). @example 0 */
  score!: number;
}

export class TrendingResponseDto {
  data!: TrendingCoinDto[];

  meta!: ResponseMetaDto;
}
