import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CurrencyKind } from '../providers/provider.types';
import type { CurrencyEntry } from './currency-table';
import { CurrencyRecord } from './entities/currency.entity';

const isKind = (kind: string | null): kind is CurrencyKind =>
  kind === 'fiat' || kind === 'crypto' || kind === 'commodity';

/** The stored currency table (`currencies`): replaced as a whole on each refresh. */
@Injectable()
export class CurrencyStore {
  constructor(
    @InjectRepository(CurrencyRecord) private readonly repo: Repository<CurrencyRecord>,
  ) {}

  async all(): Promise<{ entries: CurrencyEntry[]; updatedAt: Date | null }> {
    const rows = await this.repo.find({ order: { code: 'ASC' } });
    const updatedAt = rows.reduce<Date | null>(
      (latest, r) => (latest === null || r.updatedAt > latest ? r.updatedAt : latest),
      null,
    );
    return { entries: rows.map(toEntry), updatedAt };
  }

  /** Swaps the whole table in one transaction, so readers never see half of it. */
  async replace(entries: readonly CurrencyEntry[], at: Date): Promise<void> {
    const rows = entries.map((e) => ({
      code: e.code,
      kind: e.kind,
      name: e.name,
      quotedBy: e.quotedBy,
      perUsd: e.rate?.perUsd ?? null,
      rateSource: e.rate?.source ?? null,
      rateAsOf: e.rate?.asOf ?? null,
      rateFetchedAt: e.rate?.fetchedAt ?? null,
      updatedAt: at,
    }));
    await this.repo.manager.transaction(async (manager) => {
      await manager.createQueryBuilder().delete().from(CurrencyRecord).execute();
      if (rows.length > 0) {
        await manager.insert(CurrencyRecord, rows);
      }
    });
  }
}

function toEntry(r: CurrencyRecord): CurrencyEntry {
  const rate =
    r.perUsd !== null && r.rateSource && r.rateAsOf && r.rateFetchedAt
      ? { perUsd: r.perUsd, source: r.rateSource, asOf: r.rateAsOf, fetchedAt: r.rateFetchedAt }
      : null;
  return {
    code: r.code,
    kind: isKind(r.kind) ? r.kind : null,
    name: r.name,
    quotedBy: r.quotedBy,
    rate,
  };
}
