import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { ProviderDefinition } from '../core/config';
import { UpstreamProvider } from './entities/upstream-provider.entity';
import type { ProviderSettings } from './runtime/provider-runtime';

export interface StoredProvider extends ProviderSettings {
  dbId: number;
}

export interface HealthRow {
  name: string;
  status: string;
  healthScore: number;
  lastCheck: Date | null;
  lastError: string | null;
}

/** All database access for the `providers` table. */
@Injectable()
export class ProviderStore {
  constructor(
    @InjectRepository(UpstreamProvider) private readonly repo: Repository<UpstreamProvider>,
  ) {}

  /**
   * Brings the table in line with the catalogue: new providers are inserted with the catalogue's
   * priority; existing rows keep the operator's enabled flag and priority.
   */
  async sync(
    entries: { definition: ProviderDefinition; baseUrl: string }[],
  ): Promise<Map<string, StoredProvider>> {
    const existing = await this.repo.findBy({ name: In(entries.map((e) => e.definition.id)) });
    const byName = new Map(existing.map((row) => [row.name, row]));
    const rows = entries.map(({ definition, baseUrl }) => {
      const row =
        byName.get(definition.id) ??
        this.repo.create({
          name: definition.id,
          status: 'active',
          healthScore: 100,
          lastCheck: null,
          priority: definition.priority,
          enabled: true,
          lastError: null,
          createdAt: new Date(),
        });
      row.category = definition.categories.join(',');
      row.baseUrl = baseUrl.slice(0, 500);
      row.requiresKey = definition.needsKey;
      return row;
    });
    const saved = await this.repo.save(rows);
    return new Map(
      saved.map((row) => [
        row.name,
        { dbId: row.id, enabled: row.enabled, priority: row.priority },
      ]),
    );
  }

  async updateSettings(name: string, settings: ProviderSettings): Promise<void> {
    await this.repo.update({ name }, settings);
  }

  async saveHealth(rows: HealthRow[]): Promise<void> {
    for (const { name, ...health } of rows) {
      await this.repo.update({ name }, health);
    }
  }
}
