import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ResponseMetaDto } from '../../../core/web/dto/response-meta.dto';

export class CoinIdParamDto {
  /** CoinGecko id (or a ticker the service knows, meaning the largest coin with it). @example "bitcoin" */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, {
    message: 'id must be a CoinGecko id: 1-200 letters, digits, ".", "_" or "-"',
  })
  id!: string;
}

export class CoinDetailQueryDto {
  /**
   * Comma-separated currencies, any case; each must be one the answering source priced this coin
   * in (CoinGecko: dozens; CoinPaprika: usd, eur, btc; the 400 lists them). @example "usd,eur"
   */
  @IsOptional()
  @Matches(/^[A-Za-z]{2,10}(,[A-Za-z]{2,10}){0,19}$/, {
    message: 'vs must be 1-20 comma-separated currency codes of 2-10 letters',
  })
  vs: string = 'usd';
}

export class CoinQuoteDto {
  /** Lower-case currency code. @example "usd" */
  currency!: string;

  /** @example 94213 */
  price!: number | null;

  /** @example 1876543210987 */
  market_cap!: number | null;

  /** Price times max (or total) supply; null from CoinPaprika. @example 1978473000000 */
  fully_diluted_valuation!: number | null;

  /** Traded over 24 h. @example 45678901234 */
  volume_24h!: number | null;

  /** Null from CoinPaprika. @example 95100 */
  high_24h!: number | null;

  /** Null from CoinPaprika. @example 92850 */
  low_24h!: number | null;

  /** Price change over 1 h, percent. @example 0.12 */
  change_1h_pct!: number | null;

  /** @example -1.85 */
  change_24h_pct!: number | null;

  /** @example 3.4 */
  change_7d_pct!: number | null;

  /** @example -8.9 */
  change_30d_pct!: number | null;

  /** All-time high in this currency. @example 126080 */
  ath!: number | null;

  /** Distance from the all-time high to the price, percent (negative below it). @example -25.27 */
  ath_change_pct!: number | null;

  /** When the all-time high was reached (ISO 8601); differs between currencies. @example "2025-10-06T18:57:42.558Z" */
  ath_date!: string | null;

  /** All-time low in this currency; null from CoinPaprika (as are its change and date). @example 67.81 */
  atl!: number | null;

  /** Distance from the all-time low to the price, percent. @example 138831.57 */
  atl_change_pct!: number | null;

  /** @example "2013-07-06T00:00:00.000Z" */
  atl_date!: string | null;
}

export class CoinSupplyDto {
  /** Null from CoinPaprika's free plan. @example 19960000 */
  circulating!: number | null;

  /** @example 19960000 */
  total!: number | null;

  /** Null when uncapped. @example 21000000 */
  max!: number | null;
}

export class CoinLinksDto {
  /** @example ["http://www.bitcoin.org"] */
  homepage!: string[];

  /** @example "https://bitcoin.org/bitcoin.pdf" */
  whitepaper!: string | null;

  /** Block explorers. @example ["https://mempool.space/"] */
  explorers!: string[];

  /** @example ["https://bitcointalk.org/"] */
  forums!: string[];

  /** @example [] */
  chat!: string[];

  /** X (Twitter) account name. @example "bitcoin" */
  twitter!: string | null;

  /** @example "https://www.reddit.com/r/Bitcoin/" */
  subreddit!: string | null;

  /** @example ["https://github.com/bitcoin/bitcoin"] */
  github!: string[];
}

export class CoinDetailDto {
  /** @example "bitcoin" */
  id!: string;

  /** @example "BTC" */
  symbol!: string;

  /** @example "Bitcoin" */
  name!: string;

  /** Rank by market cap at the source that answered. @example 1 */
  market_cap_rank!: number | null;

  /** One entry per requested currency, in the order asked. */
  quotes!: CoinQuoteDto[];

  supply!: CoinSupplyDto;

  /** Null when the source has none (CoinPaprika). @example ["Cryptocurrency", "Layer 1 (L1)"] */
  categories!: string[] | null;

  /** Null when the source has none (CoinPaprika). */
  links!: CoinLinksDto | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description:
      'Contract address per chain (CoinGecko asset-platform id); {} for a native coin; null when the source has none (CoinPaprika)',
    example: {},
  })
  platforms!: Record<string, string> | null;

  /** Null when the source has none (CoinPaprika). @example "2009-01-03" */
  genesis_date!: string | null;

  /** When the source last updated the record (ISO 8601). @example "2026-11-28T01:14:31.522Z" */
  last_updated!: string | null;
}

export class CoinDetailMetaDto extends ResponseMetaDto {
  /**
   * The provider the record came from: `provider` on a live answer; on a stored one (`provider:
   * "database"`) the provider that fetched it. @example "coingecko"
   */
  origin!: string;

  /** Every currency the record is priced in: what `vs` accepts for this coin. @example ["btc", "eth", "eur", "usd"] */
  currencies!: string[];
}

export class CoinDetailResponseDto {
  data!: CoinDetailDto;

  meta!: CoinDetailMetaDto;
}
