import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Min } from 'class-validator';

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

  /** Known but not probed: they need an API key. @example 5 */
  discovered!: number;

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

  /** discovered (needs a key, not probed), validated or rejected. @example "validated" */
  status!: string;

  /** Why it was rejected or not probed; null when validated. @example "missing keys: market_cap_usd" */
  reason!: string | null;

  /** The probe's time; null when there was no answer. @example 182 */
  latency_ms!: number | null;

  requires_key!: boolean;

  /** ISO 8601. */
  checked_at!: string | null;

  /** Whether its catalogue entry says how to ask for a quote, so it can be enabled. @example true */
  quotes!: boolean;

  /** Enabled into a prices pool by an admin. @example false */
  enabled!: boolean;
}

export class DiscoveredNameDto {
  /** A discovered provider's name. @example "coinbase" */
  @Matches(/^[a-z][a-z0-9-]{1,59}$/, {
    message: 'name must be a discovered provider name (a-z, 0-9, -)',
  })
  name!: string;
}

export class EnableDiscoveredDto {
  /** The prices pool to join; default: the active prices pool. @example 1 */
  @IsOptional()
  @IsInt({ message: 'pool_id must be an integer' })
  @Min(1, { message: 'pool_id must be at least 1' })
  pool_id?: number;
}

export class EnabledPoolDto {
  /** @example 1 */
  id!: number;

  /** @example "prices" */
  name!: string;

  /** Its providers in order, the new one last. @example ["coingecko","binance","coinbase"] */
  members!: string[];
}

export class EnabledDiscoveredDto {
  provider!: DiscoveryResultDto;

  pool!: EnabledPoolDto;
}

export class DiscoveryResultsDto {
  data!: DiscoveryResultDto[];
}
