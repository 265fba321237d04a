import { Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { ProviderSharing } from '../core/cluster/provider-sharing';
import {
  type AppConfig,
  InjectConfig,
  type ProviderCategory,
  type ProviderDefinition,
} from '../core/config';
import { shownInput } from '../core/web/validation-messages';
import { ProviderStore } from './provider.store';
import type { AdapterFor, UpstreamAdapter } from './provider.types';
import { ProviderRuntime, type ProviderSettings } from './runtime/provider-runtime';
import { PROVIDER_ADAPTERS } from './upstreams/upstreams';

/**
 * The catalogue (config/providers.json) joined with the adapters and the operator's settings
 * from the `providers` table: one {@link ProviderRuntime} per upstream.
 */
@Injectable()
export class ProviderDirectory implements OnModuleInit {
  private readonly runtimes = new Map<string, ProviderRuntime>();
  private readonly dbIds = new Map<string, number>();

  constructor(
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: UpstreamAdapter[],
    @InjectConfig() private readonly config: AppConfig,
    private readonly store: ProviderStore,
    private readonly sharing: ProviderSharing,
  ) {}

  async onModuleInit(): Promise<void> {
    this.sharing.onCooling((notice) => this.runtimes.get(notice.provider)?.coolDown(notice));
    const definitions = this.config.catalogue.providers;
    for (const definition of definitions) {
      this.adapterFor(definition.id, definition.categories);
    }
    const stored = await this.store.sync(
      definitions.map((definition) => ({
        definition,
        baseUrl: this.config.upstreamBaseUrls[definition.id] ?? '',
      })),
    );
    const { breakerThreshold, breakerCooldownMs, breakerMaxCooldownMs } = this.config.resilience;
    for (const definition of definitions) {
      const settings = stored.get(definition.id);
      if (!settings) {
        continue;
      }
      this.dbIds.set(definition.id, settings.dbId);
      this.runtimes.set(
        definition.id,
        new ProviderRuntime(
          definition,
          this.adapterFor(definition.id, definition.categories),
          { enabled: settings.enabled, priority: settings.priority },
          {
            threshold: breakerThreshold,
            cooldownMs: breakerCooldownMs,
            maxCooldownMs: breakerMaxCooldownMs,
          },
          this.sharing,
        ),
      );
    }
  }

  /** Adds a provider found at run time (an enabled discovered one) next to the catalogue's. */
  register<C extends ProviderCategory>(params: {
    definition: ProviderDefinition;
    adapter: AdapterFor<C>;
    dbId: number;
    settings: ProviderSettings;
  }): ProviderRuntime {
    const { breakerThreshold, breakerCooldownMs, breakerMaxCooldownMs } = this.config.resilience;
    const runtime = new ProviderRuntime(
      params.definition,
      params.adapter,
      params.settings,
      {
        threshold: breakerThreshold,
        cooldownMs: breakerCooldownMs,
        maxCooldownMs: breakerMaxCooldownMs,
      },
      this.sharing,
    );
    this.runtimes.set(params.definition.id, runtime);
    this.dbIds.set(params.definition.id, params.dbId);
    return runtime;
  }

  has(id: string): boolean {
    return this.runtimes.has(id);
  }

  all(): ProviderRuntime[] {
    return [...this.runtimes.values()].sort((a, b) => a.settings.priority - b.settings.priority);
  }

  get(id: string): ProviderRuntime {
    const runtime = this.runtimes.get(id);
    if (!runtime) {
      throw new NotFoundException(
        `Unknown provider "${shownInput(id)}"; GET /api/providers lists them`,
      );
    }
    return runtime;
  }

  dbIdOf(id: string): number {
    this.get(id);
    return this.dbIds.get(id) ?? 0;
  }

  idOfDbId(dbId: number): string | undefined {
    return [...this.dbIds.entries()].find(([, value]) => value === dbId)?.[0];
  }

  /** The providers serving a category, in the order that category prefers. */
  forCategory(category: ProviderCategory): ProviderRuntime[] {
    const rank = (r: ProviderRuntime) =>
      r.definition.categoryPriority?.[category] ?? r.settings.priority;
    return this.all()
      .filter((r) => r.definition.categories.includes(category))
      .sort((a, b) => rank(a) - rank(b));
  }

  /** Stored first: the running settings change only once the database has them. */
  async updateSettings(id: string, patch: Partial<ProviderSettings>): Promise<ProviderRuntime> {
    const runtime = this.get(id);
    // A validated DTO carries its absent optional fields as undefined: they must not erase settings.
    const given = Object.entries(patch).filter(([, value]) => value !== undefined);
    const next = { ...runtime.settings, ...Object.fromEntries(given) };
    await this.store.updateSettings(id, next);
    runtime.settings = next;
    return runtime;
  }

  private adapterFor(id: string, categories: readonly ProviderCategory[]): UpstreamAdapter {
    const adapter = this.adapters.find((a) => a.id === id);
    if (!adapter) {
      throw new Error(`config/providers.json names "${id}", but no adapter has that id`);
    }
    const missing = categories.filter((c) => !adapter.categories.includes(c));
    if (missing.length > 0) {
      throw new Error(`config/providers.json: ${id} cannot serve ${missing.join(', ')}`);
    }
    return adapter;
  }
}
