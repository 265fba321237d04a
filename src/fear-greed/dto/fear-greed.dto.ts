import { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';
import { OptionalIntField } from '../../core/web/int-field.decorator';

export class FearGreedQueryDto {
  /** Days of history, newest first (1..365; the free tier goes 7 days back). @example 7 */
  @OptionalIntField('limit', 1, 365)
  limit: number = 7;
}

export class FearGreedPointDto {
  /** 0 (extreme fear) to 100 (extreme greed). @example 25 */
  value!: number;

  /** The upstream's label for the value. @example "Extreme Fear" */
  classification!: string;

  /** 00:00 UTC of the day (ISO 8601). @example "2026-11-28T00:00:00.000Z" */
  timestamp!: string;
}

export class FearGreedCurrentDto extends FearGreedPointDto {
  /** Seconds until the upstream publishes the next value; null when not known. @example 41234 */
  time_until_update_seconds!: number | null;
}

export class FearGreedDataDto {
  current!: FearGreedCurrentDto;

  /** Newest first, `limit` days at most. */
  history!: FearGreedPointDto[];
}

export class FearGreedResponseDto {
  data!: FearGreedDataDto;

  meta!: ResponseMetaDto;
}
