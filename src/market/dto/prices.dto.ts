import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, Matches } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';
import { VsCurrenciesField } from '../../currencies/dto/vs-field.decorator';
import { CurrencyQuoteDto, PriceMetaDto } from './prices-vs.dto';

const PRICES_VS =
  'Other than usd, each price also comes in `quotes`, per currency: quoted directly where a provider has the pair, else converted from USD and said so in meta.converted';

const splitSymbols = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** A ticker ("BTC") or a CoinGecko id ("wrapped-bitcoin"). */
const COIN_TOKEN = /^[A-Za-z0-9-]{1,64}$/;
const COIN_TOKEN_MESSAGE = 'must be a ticker or CoinGecko id: 1-64 letters, digits or "-"';

export class PricesQueryDto {
  /**
   * Comma-separated tickers or CoinGecko ids. A ticker shared by several coins means the one
   * with the largest market cap; give the id for another. @example "BTC,ETH,SOL"
   */
  @Transform(splitSymbols)
  @ArrayMinSize(1, { message: 'symbols must name at least one ticker' })
  @ArrayMaxSize(100, { message: 'symbols may name at most 100 tickers' })
  @Matches(COIN_TOKEN, { each: true, message: `each symbol ${COIN_TOKEN_MESSAGE}` })
  symbols!: string[];

  @VsCurrenciesField(PRICES_VS)
  vs?: string[];

  /** json (default) or csv (text/csv with a header row: one row per coin and currency). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

export class CoinParamDto {
  /** Ticker or CoinGecko id. @example "BTC" */
  @Matches(COIN_TOKEN, { message: `symbol ${COIN_TOKEN_MESSAGE}` })
  symbol!: string;
}

export class PriceVsQueryDto {
  @VsCurrenciesField(PRICES_VS)
  vs?: string[];
}

export class PriceDto {
  /** @example "BTC" */
  symbol!: string;

  /** @example "Bitcoin" */
  name!: string;

  /** In USD (USDT on Binance). @example 97123.45 */
  price!: number;

  /** Percent over 24 h; null when the provider does not say. @example -1.25 */
  change_24h!: number | null;

  /** 24 h volume in USD. @example 31245678901.5 */
  volume_24h!: number | null;

  /** @example 1923456789012 */
  market_cap!: number | null;

  /** When the provider last updated this quote (ISO 8601); see last_updated_source. */
  last_updated!: string;

  /**
   * `provider`: last_updated is the provider's own time for the quote. `received`: the provider
   * gave none, so last_updated is when this service received it and the quote may be older.
   * @example "provider"
   */
  last_updated_source!: 'provider' | 'received';

  /** @example "coingecko" */
  provider!: string;

  /** Only with `vs`: the price in each currency asked for, by lowercase code. */
  quotes?: Record<string, CurrencyQuoteDto>;
}

export class PricesMetaDto extends PriceMetaDto {
  /** Requested tickers the service does not know. @example ["XYZ"] */
  unknown!: string[];

  /** Known tickers the answering provider had no quote for. @example [] */
  missing!: string[];
}

export class PricesResponseDto {
  data!: PriceDto[];

  meta!: PricesMetaDto;
}

export class PriceResponseDto {
  data!: PriceDto;

  meta!: PriceMetaDto;
}

export class ConsensusSourceDto {
  /** @example "kraken" */
  provider!: string;

  /** @example 97101.5 */
  price!: number;
}

export class ConsensusPriceDto {
  /** @example "BTC" */
  symbol!: string;

  /** @example "Bitcoin" */
  name!: string;

  /** Median of the sources' latest quotes, USD. @example 97110.2 */
  price!: number;

  /** (highest − lowest) / median, percent. @example 0.07 */
  spread_pct!: number;

  /** Each provider's quote. */
  sources!: ConsensusSourceDto[];
}

export class ConsensusMetaDto extends ResponseMetaDto {
  /** Requested tickers the service does not know. @example [] */
  unknown!: string[];
}

export class ConsensusResponseDto {
  data!: ConsensusPriceDto[];

  /** `provider` is "consensus"; `attempted` lists every provider asked. */
  meta!: ConsensusMetaDto;
}
