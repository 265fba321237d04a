import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import { ProviderAttemptDto } from '../../core/web/dto/error-response.dto';

export class CurrenciesQueryDto {
  /** json (default) or csv (text/csv with a header row). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class CurrencyDto {
  /** Lowercase code, as `vs` takes it. @example "eur" */
  code!: string;

  /** Name, when a source gives one. @example "Euro" */
  name!: string | null;

  @ApiProperty({
    enum: ['fiat', 'crypto', 'commodity', null],
    nullable: true,
    description: 'fiat, crypto or commodity; null when no source said',
    example: 'fiat',
  })
  kind!: 'fiat' | 'crypto' | 'commodity' | null;

  /**
   * `direct`: a provider quotes prices in it (see quoted_by); `converted`: prices are USD
   * converted at `rate` (also the fallback of a direct currency when its provider fails).
   * @example "direct"
   */
  quoted!: 'direct' | 'converted';

  /** The provider quoting prices in it directly; null when none does. @example "coingecko" */
  quoted_by!: string | null;

  /** Units per US dollar; null when no source rates it (then only direct quotes serve it). @example 0.94509 */
  rate!: number | null;

  /** The provider of the rate. @example "frankfurter" */
  rate_source!: string | null;

  /** The day (ECB business day) or time the source gives the rate for. @example "2026-11-27" */
  rate_as_of!: string | null;

  /** The rate could not be refreshed on its last try, or is more than two days old. @example false */
  stale!: boolean;
}

export class CurrenciesMetaDto {
  /** Currencies in `data`. @example 42 */
  count!: number;

  /** When the table was last refreshed (ISO 8601); null when never. @example "2026-11-28T16:10:00.000Z" */
  asOf!: string | null;

  /** Part of the table could not be refreshed on the last try: stored rows are served. @example false */
  stale!: boolean;

  /** Each provider the last refresh tried. */
  attempted!: ProviderAttemptDto[];
}

export class CurrenciesResponseDto {
  data!: CurrencyDto[];

  meta!: CurrenciesMetaDto;
}
