import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ProviderDirectory } from '../provider.directory';
import { ProviderStore } from '../provider.store';

const FLUSH_INTERVAL_MS = 30_000;

/** Health lives in memory; this copies it to the `providers` table every 30 s and at shutdown. */
@Injectable()
export class ProviderHealthFlusher implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly directory: ProviderDirectory,
    private readonly store: ProviderStore,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    await this.store.saveHealth(
      this.directory.all().map((runtime) => {
        const stats = runtime.health.stats();
        const lastCheck = [stats.lastSuccessAt, stats.lastError?.at]
          .filter((d): d is Date => d instanceof Date)
          .sort((a, b) => b.getTime() - a.getTime())[0];
        return {
          name: runtime.id,
          status: runtime.status(),
          healthScore: runtime.score(),
          lastCheck: lastCheck ?? null,
          lastError: stats.lastError ? `${stats.lastError.kind}: ${stats.lastError.message}` : null,
        };
      }),
    );
  }
}
