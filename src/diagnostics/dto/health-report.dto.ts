export type ComponentStatus = 'up' | 'degraded' | 'down' | 'disabled';
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

export class ComponentHealthDto {
  /** up, degraded (working but impaired), down, or disabled by configuration. */
  status!: ComponentStatus;

  /** What the status is based on. @example "4 of 6 providers healthy" */
  message!: string;
}

export class ModelHealthDto {
  /** @example "cdt-sentiment-binary" */
  name!: string;

  /** sentiment, financial or zero-shot. @example "sentiment" */
  kind!: string;

  /** pending, loading, ready, failed or disabled. @example "ready" */
  status!: string;

  /** Why it failed to load. */
  error!: string | null;
}

export class ModelsHealthDto extends ComponentHealthDto {
  /** Each model with its load status (loading, ready or failed with the reason). */
  models!: ModelHealthDto[];
}

export class HealthComponentsDto {
  database!: DatabaseHealthDto;

  /**
   * degraded when an enabled provider is not usable now (its breaker is open, its score is down,
   * its latest 2 or more calls in the last 5 minutes all failed, or at least half of its 4 or
   * more calls in the last 5 minutes failed), naming each with the reason; down when none is
   * usable.
   */
  providers!: ComponentHealthDto;

  /** Sentiment models: degraded while loading or when a configured model failed (a bundled one stands in), down when nothing can score. */
  models!: ModelsHealthDto;

  /** Real-time connections and the upstream price stream. */
  websocket!: ComponentHealthDto;

  cache!: ComponentHealthDto;

  /**
   * Only with REDIS_URL: the state several replicas share. degraded while Redis is unreachable,
   * with the reason and what each replica does alone until it returns.
   */
  redis?: ComponentHealthDto;

  /** degraded when a job's last run failed. */
  jobs!: ComponentHealthDto;

  /** degraded under 5 % or 500 MB free where DATA_DIR lives. */
  disk!: ComponentHealthDto;

  /** degraded over 90 % of system memory in use. */
  memory!: ComponentHealthDto;
}

export class HealthMetricsDto {
  /** @example 3600 */
  uptime_seconds!: number;

  /** Real-time connections. @example 12 */
  active_connections!: number;

  /** HTTP requests answered in the last hour. @example 5321 */
  request_count_1h!: number;

  /** Their average time. @example 3.2 */
  average_response_time_ms!: number;
}

export class HealthReportDto {
  /** ok when all is up; degraded when an optional part is impaired; error when the database is down. */
  status!: OverallStatus;

  /** When the checks ran (ISO 8601). @example "2026-11-28T02:00:00.000Z" */
  timestamp!: string;

  components!: HealthComponentsDto;

  metrics!: HealthMetricsDto;
}

export class LivenessDto {
  /** Always ok while the process answers. @example "ok" */
  status!: 'ok';

  /** Seconds since the process started. @example 42 */
  uptime_seconds!: number;

  /** @example "2026-11-28T02:00:00.000Z" */
  timestamp!: string;
}

export class ReadinessDto {
  /** ready once migrations ran and the app accepts traffic. @example "ready" */
  status!: 'ready';

  /** Migrations applied to the database. @example 8 */
  migrations!: number;
}
