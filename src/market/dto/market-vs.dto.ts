import { VsCurrenciesField } from '../../currencies/dto/vs-field.decorator';
import { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';
import { ConversionDto, UnavailableCurrencyDto } from './prices-vs.dto';

export class MarketQueryDto {
  @VsCurrenciesField(
    'Other than usd, the totals and BTC/ETH prices also come in `in`, and each top coin in `quotes`, converted from USD at the stored rate (meta.converted)',
  )
  vs?: string[];
}

/** The overview's money figures in one currency. */
export class OverviewInCurrencyDto {
  /** @example 3213300000000 */
  total_market_cap!: number;

  /** @example 113400000000 */
  total_volume_24h!: number;

  /** @example 91791.3 */
  btc_price!: number | null;

  /** @example 3309.0 */
  eth_price!: number | null;

  /** True: the USD figure times the rate in `meta.converted[currency]`. @example true */
  converted!: boolean;
}

export class MarketMetaDto extends ResponseMetaDto {
  /** Only with `vs`: each currency converted to, with the rate used. */
  converted?: Record<string, ConversionDto>;

  /** Only with `vs`: currencies without a rate, and why. */
  unavailable?: UnavailableCurrencyDto[];
}
