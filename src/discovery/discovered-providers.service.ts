import {
  ConflictException,
  Injectable,
  NotFoundException,
  type OnApplicationBootstrap,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type AppConfig, InjectConfig, type ProviderDefinition } from '../core/config';
import { UpstreamProvider } from '../providers/entities/upstream-provider.entity';
import type { PoolView } from '../providers/pools/pool.service';
import { PoolService } from '../providers/pools/pool.service';
import { ProviderDirectory } from '../providers/provider.directory';
import { DiscoveredQuoteAdapter } from './discovered-quote.adapter';

/** A discovered API's limits are unknown: one request a second keeps a free tier safe. */
const DISCOVERED_RATE_LIMIT = { limit: 60, windowSeconds: 60 } as const;

/**
 * Turns validated discovered providers into real ones: an admin enables one into a prices pool
 * after a live quote proves its catalogue's quote path works; enabled ones come back at start.
 */
@Injectable()
export class DiscoveredProviders implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(UpstreamProvider) private readonly providers: Repository<UpstreamProvider>,
    private readonly directory: ProviderDirectory,
    private readonly pools: PoolService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const enabled = await this.providers.findBy({ source: 'discovery', enabled: true });
    for (const row of enabled.filter((r) => r.adapterSpec && !this.directory.has(r.name))) {
      this.register(row);
    }
  }

  async enable(
    name: string,
    poolId?: number,
  ): Promise<{ provider: UpstreamProvider; pool: PoolView }> {
    const row = await this.providers.findOneBy({ name, source: 'discovery' });
    if (!row) {
      throw new NotFoundException(
        `No discovered provider "${name}"; GET /api/discovery/results lists them`,
      );
    }
    if (row.status !== 'validated') {
      throw new ConflictException(
        `${name} was ${row.status} (${row.lastError ?? 'no reason'}); only validated providers can be enabled`,
      );
    }
    if (!row.adapterSpec) {
      throw new ConflictException(
        `${name}'s catalogue entry has no quote endpoint, so it cannot serve prices`,
      );
    }
    this.pools.targetPool({ category: 'prices', poolId });
    const adapter = this.adapter(row);
    try {
      await adapter.ping({
        ctx: { signal: AbortSignal.timeout(this.config.resilience.callTimeoutMs) },
      });
    } catch (error) {
      throw new UnprocessableEntityException(
        `${name} did not quote BTC: ${(error as Error).message}`,
      );
    }
    // Registered anew even when known: the quote path just proven may differ from the old one.
    this.register(row, adapter);
    await this.directory.updateSettings(name, { enabled: true, priority: row.priority });
    const pool = await this.pools.addMember({ provider: name, category: 'prices', poolId });
    return { provider: await this.providers.findOneByOrFail({ name }), pool };
  }

  private register(row: UpstreamProvider, adapter = this.adapter(row)): void {
    const definition: ProviderDefinition = {
      id: row.name,
      name: row.name,
      categories: ['prices'],
      priority: row.priority,
      rateLimit: DISCOVERED_RATE_LIMIT,
      needsKey: false,
      background: true,
      website: row.baseUrl,
    };
    this.directory.register({
      definition,
      adapter,
      dbId: row.id,
      settings: { enabled: row.enabled, priority: row.priority },
    });
  }

  private adapter(row: UpstreamProvider): DiscoveredQuoteAdapter {
    if (!row.adapterSpec) {
      throw new Error(`${row.name} has no quote endpoint`);
    }
    return new DiscoveredQuoteAdapter({
      id: row.name,
      baseUrl: row.baseUrl,
      spec: row.adapterSpec,
      timeoutMs: this.config.resilience.callTimeoutMs,
      allowedAddresses: this.config.discovery.allowedAddresses,
    });
  }
}
