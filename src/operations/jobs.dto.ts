import { Matches } from 'class-validator';

export class JobNameDto {
  /** @example "prices" */
  @Matches(/^[a-z][a-z0-9-]{0,40}$/, { message: 'name must be a job name like "prices"' })
  name!: string;
}

export class JobRunDto {
  /** @example "prices" */
  name!: string;

  /** ISO 8601. */
  started_at!: string;

  /** ISO 8601. */
  finished_at!: string;

  /** @example 412 */
  duration_ms!: number;

  /** @example "ok" */
  result!: 'ok' | 'failed';

  /** Rows the run stored; null when it failed. @example 150 */
  rows!: number | null;

  /** Why it failed; null when it did not. */
  error!: string | null;
}

export class JobStatusDto {
  /** @example "prices" */
  name!: string;

  /** @example "*\/5 * * * *" */
  cron!: string;

  /** Scheduled (ENABLE_BACKGROUND_TASKS); a job can be run by hand either way. */
  enabled!: boolean;

  running!: boolean;

  last_run!: JobRunDto | null;

  /** ISO 8601; null when not scheduled. */
  next_run!: string | null;
}

/** Which replica runs the scheduled jobs (the leader lock; always this one without REDIS_URL). */
export class ClusterRoleDto {
  /** The replica that answered (REPLICA_ID, or host:pid). @example "api-1" */
  replica!: string;

  /** The replica holding the leader lock; null while unknown (Redis unreachable). @example "api-2" */
  leader!: string | null;

  /** Whether the replica that answered runs the scheduled ticks. */
  this_replica_leads!: boolean;
}

export class JobsResponseDto {
  data!: JobStatusDto[];

  cluster!: ClusterRoleDto;
}
