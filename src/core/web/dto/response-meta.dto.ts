import { ProviderAttemptDto } from './error-response.dto';

/** Where a data response came from and how fresh it is. */
export class ResponseMetaDto {
  /** The provider that answered. @example "coingecko" */
  provider!: string;

  /** Each provider tried for this answer, in order. */
  attempted!: ProviderAttemptDto[];

  /** Served from the cache. */
  cached!: boolean;

  /** Past its cache lifetime: served because every provider failed just now. */
  stale!: boolean;

  /** When the data was fetched from the provider (ISO 8601). @example "2026-11-28T02:00:00.000Z" */
  asOf!: string;

  /** Seconds since asOf. @example 12 */
  age_seconds!: number;
}

/** Says that history missing from the database was fetched upstream and stored. */
export class BackfillDto {
  /** The provider the missing history came from. @example "coingecko" */
  provider!: string;

  /** Points fetched and stored. @example 720 */
  points!: number;

  attempted!: ProviderAttemptDto[];
}

/** Says that the database covered less than asked and no upstream could fill the gap. */
export class BackfillFailureDto {
  /** Why the missing history could not be fetched. @example "No provider could serve BTC price history: coingecko (timeout: timed out)" */
  message!: string;

  attempted!: ProviderAttemptDto[];
}

/** The meta of a list this service keeps itself (no upstream involved): how many, and when. */
export class ListMetaDto {
  /** Items in `data`. @example 8 */
  count!: number;

  /** When the list was read (ISO 8601). @example "2026-11-28T02:00:00.000Z" */
  asOf!: string;
}

/** `{count, asOf}` for a list read just now. */
export function listMeta(items: readonly unknown[]): ListMetaDto {
  return { count: items.length, asOf: new Date().toISOString() };
}
