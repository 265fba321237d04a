import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class UpdateProviderDto {
  /** Turn the provider on or off for every pool. */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  /** Lower is tried first under the priority strategy. @example 5 */
  @IsOptional()
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
