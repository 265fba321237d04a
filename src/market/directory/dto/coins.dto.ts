import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../../core/web/csv';
import { ResponseMetaDto } from '../../../core/web/dto/response-meta.dto';
import { OptionalIntField } from '../../../core/web/int-field.decorator';

export const MAX_PER_PAGE = 250;
export const MAX_SEARCH_RESULTS = 100;

export class CoinsQueryDto {
  /** Page number, 1 first. @example 1 */
  @OptionalIntField('page', 1, 1000)
  page: number = 1;

  /** Coins per page (1..250). @example 100 */
  @OptionalIntField('per_page', 1, MAX_PER_PAGE)
  per_page: number = 100;

  /** json (default) or csv (text/csv with a header row; platforms as JSON). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class SearchQueryDto {
  /** Part of a coin's name, ticker or CoinGecko id (1-100 characters, any case). @example "sol" */
  @IsString({ message: 'q must be 1-100 characters: part of a name, ticker or id' })
  @Length(1, 100, { message: 'q must be 1-100 characters: part of a name, ticker or id' })
  q!: string;

  /** Most results (1..100). @example 25 */
  @OptionalIntField('limit', 1, MAX_SEARCH_RESULTS)
  limit: number = 25;

  /** json (default) or csv (text/csv with a header row; platforms as JSON). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class DirectoryCoinDto {
  /** CoinGecko id: what GET /api/coins/:id and the other endpoints accept. @example "solana" */
  id!: string;

  /** Ticker, upper case; several coins can share one. @example "SOL" */
  symbol!: string;

  /** @example "Solana" */
  name!: string;

  /** Rank by market cap among CoinGecko's largest 1,000 coins; null when outside them. @example 6 */
  market_cap_rank!: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description:
      'Contract address per chain (CoinGecko asset-platform id); {} for a native coin, null when the full coin list has not described the coin yet',
    example: { ethereum: '0xd31a59c85ae9d8edefec411d448f90841571b89c' },
  })
  platforms!: Record<string, string> | null;
}

/**
 * Read from the stored directory: provider "database", `asOf` the last fetch of the full list
 * (now before the first), `stale` once that is more than a day old (the daily refresh failed).
 */
export class DirectoryMetaDto extends ResponseMetaDto {
  /** Where the list comes from. @example "coingecko" */
  source!: string;

  /** When the full coin list was last fetched (ISO 8601); null before the first fetch, when only the market list and the configured coins are known. @example "2026-11-28T00:20:00.000Z" */
  updated_at!: string | null;

  /** Coins in `data`. @example 100 */
  count!: number;
}

export class CoinsPageMetaDto extends DirectoryMetaDto {
  /** Coins in the whole directory. @example 17234 */
  total!: number;

  /** @example 1 */
  page!: number;

  /** @example 100 */
  per_page!: number;

  /** Pages at this per_page. @example 173 */
  pages!: number;
}

export class CoinsPageDto {
  /** By market-cap rank, unranked coins after the ranked ones, by name. */
  data!: DirectoryCoinDto[];

  meta!: CoinsPageMetaDto;
}

export class SearchMetaDto extends DirectoryMetaDto {
  /** The query as received. @example "sol" */
  query!: string;
}

export class SearchResponseDto {
  /** Exact matches of ticker, name or id first, then prefixes, then substrings; each group by market cap, unranked last. */
  data!: DirectoryCoinDto[];

  meta!: SearchMetaDto;
}
