import { ProviderAttemptDto } from '../../core/web/dto/error-response.dto';
import { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';

/** A price in one currency: quoted directly by `provider`, or converted from its USD quote. */
export class CurrencyQuoteDto {
  /** @example 89046.12 */
  price!: number;

  /** @example 1773512207761.67 */
  market_cap!: number | null;

  /** 24 h volume in this currency. @example 38976123344.9 */
  volume_24h!: number | null;

  /**
   * Percent over 24 h in this currency; null when converted (the USD change is not the change
   * in another currency) or when the provider does not say. @example -1.69
   */
  change_24h!: number | null;

  /** Who quoted it (for a converted price: who quoted the USD price). @example "coingecko" */
  provider!: string;

  /** True: the USD price times the rate in `meta.converted[currency]`. @example false */
  converted!: boolean;
}

/** How USD values were converted to one currency. */
export class ConversionDto {
  /** @example "usd" */
  from!: string;

  /** Units of the currency per US dollar. @example 0.94509 */
  rate!: number;

  /** The provider of the rate. @example "frankfurter" */
  source!: string;

  /** The day (ECB business day) or time the source gives the rate for. @example "2026-11-27" */
  asOf!: string;

  /** The rate could not be refreshed on its last try, or is more than two days old. @example false */
  stale!: boolean;
}

/** A currency some coins could not be priced in, and why. */
export class UnavailableCurrencyDto {
  /** @example "vef" */
  currency!: string;

  /** The coins left without a price in it. @example ["BTC"] */
  symbols!: string[];

  /** @example "no provider quoted vef just now and no vef rate is known" */
  reason!: string;
}

export class PriceMetaDto extends ResponseMetaDto {
  /** Only with `vs`: each currency some price was converted to, with the rate used. */
  converted?: Record<string, ConversionDto>;

  /** Only with `vs`: currencies some coins have no price in, and why. */
  unavailable?: UnavailableCurrencyDto[];

  /** Only with `vs` naming a currency quoted directly: the provider that quoted it, or null. @example "coingecko" */
  quotes_provider?: string | null;

  /** Only with `vs`: each provider asked for direct quotes in the other currencies. */
  quotes_attempted?: ProviderAttemptDto[];
}
