import { IsIn, IsOptional, Matches } from 'class-validator';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../core/web/csv';
import { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';
import { CANDLE_INTERVALS, type CandleInterval } from '../../providers/provider.types';
import { OptionalIntField } from '../../core/web/int-field.decorator';

export class OhlcvQueryDto {
  /** BTCUSDT, BTC (quote USDT) or BTC-USD. @example "BTCUSDT" */
  @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'symbol must be like BTCUSDT, BTC or BTC-USD' })
  symbol!: string;

  /** Candle size. @example "1h" */
  @IsOptional()
  @IsIn(CANDLE_INTERVALS, { message: `interval must be one of ${CANDLE_INTERVALS.join(', ')}` })
  interval: CandleInterval = '1h';

  /** Number of candles, newest last; default 100, or as many as the tier's history depth holds when fewer. @example 100 */
  @OptionalIntField('limit', 1, 1000)
  limit?: number;

  /** json (default) or csv (text/csv with a header row). @example "json" */
  @IsOptional()
  @IsIn(RESPONSE_FORMATS, { message: 'format must be json or csv' })
  format: ResponseFormat = 'json';
}

/** The length of a candle of each interval, in ms. */
export const CANDLE_MS: Record<CandleInterval, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
};

const DAY_MS = 86_400_000;
const DEFAULT_CANDLES = 100;

/** How many days back `limit` candles of `interval` reach: what a tier's history depth limits. */
export function candleSpanDays(query: { interval: CandleInterval; limit: number }): number {
  return Math.ceil((query.limit * CANDLE_MS[query.interval]) / DAY_MS);
}

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
}

export class OhlcvMetaDto extends ResponseMetaDto {
  /** The coin the symbol resolved to. @example "BTC" */
  symbol!: string;

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
