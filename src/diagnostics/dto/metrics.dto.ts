/** One provider's health as /api/metrics reports it. */
export class ProviderHealthSummaryDto {
  /** @example "coingecko" */
  id!: string;

  /** @example "active" */
  status!: string;

  /** 0..100. @example 97 */
  health_score!: number;

  /** @example "closed" */
  breaker!: string;

  /** Share of recent calls that succeeded, 0..1 (1 before the first). @example 0.98 */
  success_rate!: number;

  /** p95 of recent call times; null before the first. @example 240 */
  latency_p95_ms!: number | null;
}

export class MetricsReportDto {
  /** CPU used by this process since the previous report, percent of one core. @example 12.5 */
  cpu_percent!: number;

  /** System memory in use. @example 41.2 */
  memory_percent!: number;

  /** Space used where DATA_DIR lives. @example 63.9 */
  disk_percent!: number;

  /** @example 84.3 */
  database_size_mb!: number;

  /** HTTP requests being answered now. @example 3 */
  active_requests!: number;

  /** @example 12 */
  websocket_connections!: number;

  provider_stats!: ProviderHealthSummaryDto[];
}
