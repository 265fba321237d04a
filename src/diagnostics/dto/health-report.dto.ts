export type ComponentStatus = 'up' | 'down';
export type OverallStatus = 'ok' | 'degraded' | 'error';

export class DatabaseHealthDto {
  /** up when a round trip to the database succeeded within a second. */
  status!: ComponentStatus;

  /** The dialect in use. @example "better-sqlite3" */
  dialect!: string;

  /** Round-trip time of the check in milliseconds. @example 1 */
  response_time_ms!: number;

  /** Why the check failed, when it did. */
  message?: string;
}

export class HealthComponentsDto {
  database!: DatabaseHealthDto;
}

export class HealthReportDto {
  /** ok when every component is up; error when a critical one (the database) is down. */
  status!: OverallStatus;

  /** When the checks ran (ISO 8601). @example "2026-11-28T02:00:00.000Z" */
  timestamp!: string;

  components!: HealthComponentsDto;
}

export class LivenessDto {
  /** Always ok while the process answers. @example "ok" */
  status!: 'ok';

  /** Seconds since the process started. @example 42 */
  uptime_seconds!: number;

  /** @example "2026-11-28T02:00:00.000Z" */
  timestamp!: string;
}
