import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ProviderDirectory } from '../provider.directory';
import { ProviderStore } from '../provider.store';
import type { ProviderRuntime } from '../runtime/provider-runtime';
import { RealtimePublisher } from '../../core/realtime/realtime.publisher';

const FLUSH_INTERVAL_MS = 30_000;

/**
 * Health lives in memory; this copies it to the `providers` table every 30 s and at shutdown,
 * and sends the providers whose status changed on the real-time `providers` channel.
 */
@Injectable()
export class ProviderHealthFlusher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ProviderHealthFlusher.name);
  private timer?: NodeJS.Timeout;
  private readonly lastStatus = new Map<string, string>();

  constructor(
    private readonly directory: ProviderDirectory,
    private readonly store: ProviderStore,
    private readonly realtime: RealtimePublisher,
  ) {
    // Events carry the changes; a new subscriber gets every provider's current state.
    realtime.snapshotFrom('providers', 'providers', () => directory.all().map(stateOf));
  }

  onModuleInit(): void {
    // A failed write (database busy or gone) must not become an unhandled rejection: health
    // stays in memory and the next flush writes it.
    this.timer = setInterval(() => {
      this.flush().catch((error: Error) =>
        this.logger.warn(`could not store provider health: ${error.message}`),
      );
    }, FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    this.announceChanges();
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

  private announceChanges(): void {
    const changed = this.directory.all().filter((runtime) => {
      const status = runtime.status();
      const before = this.lastStatus.get(runtime.id);
      this.lastStatus.set(runtime.id, status);
      return before !== undefined && before !== status;
    });
    if (changed.length > 0) {
      this.realtime.publish('providers', 'providers', changed.map(stateOf));
    }
  }
}

function stateOf(runtime: ProviderRuntime): { id: string; status: string; health_score: number } {
  return { id: runtime.id, status: runtime.status(), health_score: runtime.score() };
}
