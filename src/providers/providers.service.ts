import { BadRequestException, Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { ApiCallStats } from './api-call.stats';
import type { ProbeResultDto, ProviderDto, ProviderStatsDto } from './dto/provider.dto';
import { ProviderDirectory } from './provider.directory';
import { type ProviderAttempt, toAttempt } from './registry/provider-attempt';
import type { ProviderRuntime, ProviderSettings } from './runtime/provider-runtime';

const WINDOW_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_WINDOW_MS = 90 * WINDOW_MS.d;

/** What the providers endpoints show and do. */
@Injectable()
export class ProvidersService {
  constructor(
    private readonly directory: ProviderDirectory,
    private readonly stats: ApiCallStats,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async list(): Promise<ProviderDto[]> {
    return Promise.all(this.directory.all().map((r) => this.view(r)));
  }

  async get(id: string): Promise<ProviderDto> {
    return this.view(this.directory.get(id));
  }

  /** Only the fields given change; the database first, so a failed write changes nothing. */
  async update(id: string, patch: Partial<ProviderSettings>): Promise<ProviderDto> {
    const given = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    ) as Partial<ProviderSettings>;
    if (Object.keys(given).length === 0) {
      throw new BadRequestException('give enabled, priority or both');
    }
    return this.view(await this.directory.updateSettings(id, given));
  }

  /** A fresh probe; `resetBreaker` closes an open breaker when the probe succeeds. */
  async probe(id: string, options: { resetBreaker: boolean }): Promise<ProbeResultDto> {
    const runtime = this.directory.get(id);
    const started = performance.now();
    let attempt: ProviderAttempt;
    try {
      await runtime.probe(this.config.resilience.callTimeoutMs);
      attempt = {
        provider: id,
        outcome: 'ok',
        duration_ms: Math.round(performance.now() - started),
      };
      if (options.resetBreaker) {
        runtime.resetBreaker();
      }
    } catch (error) {
      attempt = toAttempt(id, error, Math.round(performance.now() - started));
    }
    return { provider: id, ok: attempt.outcome === 'ok', attempt, state: await this.view(runtime) };
  }

  async callStats(window: string): Promise<ProviderStatsDto> {
    const match = /^(\d+)([mhd])$/.exec(window);
    const ms = match ? Number(match[1]) * WINDOW_MS[match[2] as keyof typeof WINDOW_MS] : 0;
    if (ms <= 0 || ms > MAX_WINDOW_MS) {
      throw new BadRequestException('window must be between 1m and 90d');
    }
    const from = new Date(Date.now() - ms);
    return { window, from: from.toISOString(), providers: await this.stats.since(from) };
  }

  private async view(runtime: ProviderRuntime): Promise<ProviderDto> {
    const { definition, settings } = runtime;
    const stats = runtime.health.stats();
    return {
      id: definition.id,
      name: definition.name,
      categories: [...definition.categories],
      base_url: this.config.upstreamBaseUrls[definition.id] ?? '',
      website: definition.website,
      priority: settings.priority,
      enabled: settings.enabled,
      needs_key: definition.needsKey,
      status: runtime.status(),
      health_score: runtime.score(),
      unavailable_reason: runtime.unavailableReason ?? null,
      breaker: runtime.breakerState,
      cooling_down_seconds: Math.ceil(runtime.coolingDownMs() / 1000),
      budget: {
        limit: definition.rateLimit.limit,
        window_seconds: definition.rateLimit.windowSeconds,
        remaining: await runtime.budgetLeft(),
      },
      health: {
        calls: stats.calls,
        failures: stats.failures,
        success_rate: Math.round(stats.successRate * 1000) / 1000,
        latency_ewma_ms: stats.latencyEwmaMs,
        latency_p95_ms: stats.latencyP95Ms === null ? null : Math.round(stats.latencyP95Ms),
        last_success_at: stats.lastSuccessAt?.toISOString() ?? null,
        last_error: stats.lastError
          ? { ...stats.lastError, at: stats.lastError.at.toISOString() }
          : null,
      },
    };
  }
}
