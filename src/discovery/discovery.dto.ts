import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class DiscoveryRunQueryDto {
  /** Answer at once with the run id and let the run go on. @example true */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'background must be true or false' })
  background: boolean = true;
}

export class DiscoveryRunDto {
  /** @example "4f9c0c52-7a0e-4d0e-9c57-2b8a3f1d6e21" */
  run_id!: string;

  /** @example "finished" */
  state!: 'running' | 'finished' | 'failed';

  /** ISO 8601. */
  started_at!: string;

  /** ISO 8601; null while running. */
  finished_at!: string | null;

  /** Candidates probed (the providers the service already has are left out). @example 43 */
  candidates!: number;

  /** @example 30 */
  validated!: number;

  /** @example 13 */
  rejected!: number;

  /** Remote catalogues that could not be read, with why. */
  catalogue_errors!: string[];
}

export class DiscoveryResultDto {
  /** @example "coinpaprika" */
  name!: string;

  /** @example "prices" */
  category!: string;

  /** @example "https://api.coinpaprika.com" */
  base_url!: string;

  /** @example "validated" */
  status!: string;

  /** Why it was rejected; null when validated. @example "missing keys: market_cap_usd" */
  reason!: string | null;

  /** The probe's time; null when there was no answer. @example 182 */
  latency_ms!: number | null;

  requires_key!: boolean;

  /** ISO 8601. */
  checked_at!: string | null;
}

export class DiscoveryResultsDto {
  data!: DiscoveryResultDto[];
}
