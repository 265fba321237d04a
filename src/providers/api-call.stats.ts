import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThanOrEqual, type Repository } from 'typeorm';
import { ApiCall } from './entities/api-call.entity';
import { percentile } from './health/provider-health';

export interface ProviderCallStats {
  provider: string;
  calls: number;
  errors: number;
  error_rate: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

const SUCCESS = /^[23]\d\d$/;

/** Per-provider figures over a time window, computed from `api_calls`. */
@Injectable()
export class ApiCallStats {
  constructor(@InjectRepository(ApiCall) private readonly repo: Repository<ApiCall>) {}

  async since(from: Date): Promise<ProviderCallStats[]> {
    const rows = await this.repo.find({
      select: { provider: true, status: true, responseTime: true },
      where: { timestamp: MoreThanOrEqual(from) },
    });
    const byProvider = new Map<string, ApiCall[]>();
    for (const row of rows) {
      byProvider.set(row.provider, [...(byProvider.get(row.provider) ?? []), row]);
    }
    return [...byProvider.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([provider, calls]) => {
        const errors = calls.filter((c) => !SUCCESS.test(c.status)).length;
        const latencies = calls
          .map((c) => c.responseTime)
          .filter((ms): ms is number => ms !== null);
        return {
          provider,
          calls: calls.length,
          errors,
          error_rate: Math.round((errors / calls.length) * 1000) / 1000,
          latency_p50_ms: percentile(latencies, 0.5),
          latency_p95_ms: percentile(latencies, 0.95),
        };
      });
  }
}
