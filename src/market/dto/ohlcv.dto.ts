import { IsIn, IsOptional, Matches } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';
import { CANDLE_MS } from '../../providers/candle-intervals';
import { CANDLE_INTERVALS, type CandleInterval } from '../../providers/provider.types';
import { OptionalIntField } from '../../core/web/int-field.decorator';

const INSTANT = /^(\d{1,11}|\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)$/;
const INSTANT_MESSAGE = (name: string) => `${name} must be epoch seconds or an ISO 8601 time`;

export class OhlcvQueryDto {
  /**
   * A coin in USD (BTCUSDT, BTC, BTC-USD: USDT on Binance), or any pair an exchange lists
   * (ETHBTC, BTC-EUR), resolved through each exchange's stored pair list. @example "BTCUSDT"
   */
  @Matches(/^[A-Za-z0-9-]{1,20}$/, {
    message: 'symbol must be like BTCUSDT, BTC, BTC-USD or ETHBTC',
  })
  symbol!: string;

  /** Candle size (`1m` minute, `1M` calendar month); each source offers its own set, checked against the source used. @example "1h" */
  @IsOptional()
  @IsIn(CANDLE_INTERVALS, { message: `interval must be one of ${CANDLE_INTERVALS.join(', ')}` })
  interval: CandleInterval = '1h';

  /** Number of candles: the latest ones (default 100, or as many as the tier's history depth holds when fewer), the first ones from `since`, or at most this many of `from`/`to`. @example 100 */
  @OptionalIntField('limit', 1, 1000)
  limit?: number;

  /** Candles opening at or after this time, in ms since the epoch (CCXT style), with `limit`. @example 1795737600000 */
  @OptionalIntField('since', 0, 99_999_999_999_999)
  since?: number;

  /** Range start: epoch seconds or ISO 8601; with `to` (default now), at most 2,000 candles unless `limit` is given. @example "2026-11-27T00:00:00Z" */
  @IsOptional()
  @Matches(INSTANT, { message: INSTANT_MESSAGE('from') })
  from?: string;

  /** Range end (inclusive open time): epoch seconds or ISO 8601. @example "1795824000" */
  @IsOptional()
  @Matches(INSTANT, { message: INSTANT_MESSAGE('to') })
  to?: string;

  /** One source only (a provider id serving ohlcv, e.g. binance, coinbase, kraken); default: failover among those offering the interval. @example "coinbase" */
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'source must be a provider id such as binance' })
  source?: string;

  /** json (default) or csv (text/csv with a header row). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

const DAY_MS = 86_400_000;
const DEFAULT_CANDLES = 100;

/** 100 candles, or as many as fit in the tier's history depth (at least one). */
export function defaultCandleLimit(interval: CandleInterval, historyDays: number | null): number {
  const fits =
    historyDays === null
      ? DEFAULT_CANDLES
      : Math.floor((historyDays * DAY_MS) / CANDLE_MS[interval]);
  return Math.max(1, Math.min(DEFAULT_CANDLES, fits));
}

export class CandleDto {
  /** Candle open time (ISO 8601). @example "2026-11-28T01:00:00.000Z" */
  open_time!: string;

  /** @example 97012.5 */
  open!: number;

  /** @example 97250 */
  high!: number;

  /** @example 96880.1 */
  low!: number;

  /** @example 97101.2 */
  close!: number;

  /** Base-asset volume; null when the provider has none (CoinGecko). @example 412.7 */
  volume!: number | null;

  /** False for a candle still forming (its interval has not ended): its numbers will change. @example true */
  closed!: boolean;
}

export class OhlcvMetaDto extends ResponseMetaDto {
  /** The coin the symbol resolved to (the base asset of a pair). @example "BTC" */
  symbol!: string;

  /** The quote of a listed pair (EUR, BTC...); null for the coin's USD candles (USDT on Binance). @example null */
  quote!: string | null;

  /** @example "1h" */
  interval!: string;

  /** Candles returned. @example 100 */
  count!: number;
}

export class OhlcvResponseDto {
  /** Oldest first. */
  data!: CandleDto[];

  meta!: OhlcvMetaDto;
}
