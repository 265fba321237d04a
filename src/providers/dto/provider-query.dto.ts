import { IsBoolean, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';

/** Absent is fine, null is not: a null would reach the NOT NULL columns as "no value". */
const unlessAbsent = ValidateIf((_dto: unknown, value: unknown) => value !== undefined);

/** At least one field; the service refuses an empty body (nothing to change). */
export class UpdateProviderDto {
  /** Turn the provider on or off for every pool. */
  @unlessAbsent
  @IsBoolean()
  enabled?: boolean;

  /** Lower is tried first under the priority strategy. @example 5 */
  @unlessAbsent
  @IsInt()
  @Min(0)
  @Max(1000)
  priority?: number;
}

export class StatsQueryDto {
  /** Window ending now: minutes, hours or days, up to 90 days. @example "1h" */
  @IsOptional()
  @Matches(/^([1-9]\d{0,3})(m|h|d)$/, { message: 'window must look like 15m, 1h or 7d' })
  window: string = '1h';
}
