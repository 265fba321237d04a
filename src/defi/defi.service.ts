import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CacheService, type CacheResult } from '../core/cache';
import { type AppConfig, InjectConfig } from '../core/config';
import { liveMeta, responseMeta, storedMeta } from '../core/web/response-meta';
import type { ResponseMetaDto } from '../core/web/dto/response-meta.dto';
import { backfillIf, storedAnswerMeta } from '../providers/registry/backfill';
import type { ChainTvl, ProtocolTvl, TvlPoint } from '../providers/provider.types';
import {
  AllProvidersFailedError,
  describeAttempts,
  type ProviderAttempt,
} from '../providers/registry/provider-attempt';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import { DefiStore, startOfDay, type StoredRun, toProtocol } from './defi.store';
import type {
  ChainsResponseDto,
  DefiProtocolDto,
  DefiResponseDto,
  ProtocolDetailResponseDto,
  TvlChartResponseDto,
} from './dto/defi.dto';

const DAY_MS = 86_400_000;
/** Protocols kept from DeFi Llama's list (thousands long): enough for any `limit` and lookups. */
const KEPT_PROTOCOLS = 500;
/** Protocols stored per collector run. */
export const STORED_PROTOCOLS = 100;
/** How old a stored run may be to stand in when DeFi Llama fails. */
const STORED_MAX_AGE_MS = 24 * 3_600_000;

interface Fetched<T> {
  items: T;
  provider: string;
  attempted: ProviderAttempt[];
}

/** DeFi TVL from DeFi Llama: cached live lists, stored runs and a stored daily total. */
@Injectable()
export class DefiService {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly cache: CacheService,
    private readonly store: DefiStore,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async protocols(limit: number): Promise<DefiResponseDto> {
    const result = await this.protocolList();
    const { items, provider, attempted } = result.value;
    return {
      data: items.slice(0, limit).map(toProtocolDto),
      meta: responseMeta(result, { provider, attempted }),
    };
  }

  async chains(): Promise<ChainsResponseDto> {
    const result = await this.cache.getOrLoad(
      'defi:chains',
      { ttlSeconds: this.config.cacheTtlSeconds.defi },
      async (): Promise<Fetched<ChainTvl[]>> => {
        const { data, provider, attempted } = await this.registry.execute('defi', (api, ctx) =>
          api.getChains({ ctx }),
        );
        return { items: [...data].sort((a, b) => b.tvl - a.tvl), provider, attempted };
      },
    );
    const { items, provider, attempted } = result.value;
    return {
      data: items.map((c) => ({ name: c.name, tvl: c.tvl, token_symbol: c.tokenSymbol })),
      meta: responseMeta(result, { provider, attempted }),
    };
  }

  /** The newest row of a protocol (stored, else from the live list) and `days` of its history. */
  async protocol(slug: string, days: number): Promise<ProtocolDetailResponseDto> {
    const rows = await this.store.protocolRows(slug);
    const newest = rows.at(-1);
    const { protocol, meta } = newest
      ? {
          protocol: toProtocol(newest),
          meta: storedMeta({ newest: newest.timestamp, stale: false, attempted: [] }),
        }
      : await this.liveProtocol(slug);
    const since = Date.now() - days * DAY_MS;
    return {
      data: {
        ...toProtocolDto(protocol),
        as_of: meta.asOf,
        history: rows
          .filter((r) => r.timestamp.getTime() >= since)
          .map((r) => ({ timestamp: r.timestamp.toISOString(), tvl: r.tvl })),
      },
      meta,
    };
  }

  /** Total TVL per day from the database, backfilled from upstream when it covers less. */
  async tvlChart(days: number): Promise<TvlChartResponseDto> {
    const to = startOfDay(new Date());
    const from = new Date(to.getTime() - (days - 1) * DAY_MS);
    const earliest = await this.store.earliestDaySince(from);
    const covered = earliest !== undefined && earliest.getTime() <= from.getTime();
    const backfill = await backfillIf(!covered, async () => {
      const { data, provider, attempted } = await this.registry.execute(
        'defi',
        (api, ctx) => api.getHistoricalTvl({ ctx }),
        { what: 'DeFi TVL history' },
      );
      const wanted = data.filter((p) => p.date.getTime() >= from.getTime());
      await this.store.upsertDays(wanted, provider);
      return { provider, points: wanted.length, attempted };
    });
    const points = await this.store.daysBetween(from, to);
    return {
      data: points.map((p) => ({ date: p.date.toISOString(), tvl: p.tvl })),
      meta: {
        ...storedAnswerMeta(backfill, { rows: points.length, newest: points.at(-1)?.date ?? null }),
        points: points.length,
        from: points[0]?.date.toISOString() ?? null,
        to: points.at(-1)?.date.toISOString() ?? null,
      },
    };
  }

  /**
   * A collector run: the top protocols as one stored run, and the latest daily totals. Both are
   * fetched first, whatever the other does, then what arrived is stored in one transaction (all
   * of it or none). A stored run standing in for a failed fetch is never stored again (it would be
   * history that never happened), so the run fails instead.
   */
  async collect(): Promise<number> {
    const [run, days] = await Promise.allSettled([this.fetchRun(), this.fetchLatestDays()]);
    await this.dataSource.transaction(async (manager) => {
      if (run.status === 'fulfilled') {
        await this.store.saveRun(run.value, manager);
      }
      if (days.status === 'fulfilled') {
        await this.store.upsertDays(days.value.points, days.value.provider, manager);
      }
    });
    const stored =
      (run.status === 'fulfilled' ? run.value.protocols.length : 0) +
      (days.status === 'fulfilled' ? days.value.points.length : 0);
    const reasons = [run, days].flatMap((outcome) =>
      outcome.status === 'rejected' ? [(outcome.reason as Error).message] : [],
    );
    if (reasons.length > 0) {
      throw new Error(`stored ${stored} rows, then failed: ${reasons.join('; ')}`);
    }
    return stored;
  }

  private async fetchRun(): Promise<StoredRun> {
    this.cache.invalidate('defi:protocols');
    const result = await this.protocolList();
    const { items, provider, attempted } = result.value;
    if (result.stale) {
      throw new Error(`protocols not stored: ${describeAttempts(attempted)}`);
    }
    return { protocols: items.slice(0, STORED_PROTOCOLS), provider, at: new Date() };
  }

  private async fetchLatestDays(): Promise<{ points: TvlPoint[]; provider: string }> {
    const { data, provider } = await this.registry.execute('defi', (api, ctx) =>
      api.getHistoricalTvl({ ctx }),
    );
    return { points: data.slice(-2), provider };
  }

  private protocolList(): Promise<CacheResult<Fetched<ProtocolTvl[]>>> {
    return this.cache.getOrLoad(
      'defi:protocols',
      {
        ttlSeconds: this.config.cacheTtlSeconds.defi,
        fallback: (error) => this.storedRun(error),
      },
      async () => {
        const { data, provider, attempted } = await this.registry.execute('defi', (api, ctx) =>
          api.getProtocols({ ctx }),
        );
        const items = [...data].sort((a, b) => b.tvl - a.tvl).slice(0, KEPT_PROTOCOLS);
        return { items, provider, attempted };
      },
    );
  }

  private async storedRun(error: unknown) {
    const run = await this.store.latestRun();
    if (!run || Date.now() - run.at.getTime() > STORED_MAX_AGE_MS) {
      return undefined;
    }
    const attempted = error instanceof AllProvidersFailedError ? error.attempted : [];
    return { value: { items: run.protocols, provider: 'database', attempted }, storedAt: run.at };
  }

  /** From the cached list, else DeFi Llama's per-protocol TVL (whose 404 becomes ours). */
  private async liveProtocol(
    slug: string,
  ): Promise<{ protocol: ProtocolTvl; meta: ResponseMetaDto }> {
    const list = await this.protocolList();
    const listed = list.value.items.find((p) => p.slug === slug);
    if (listed) {
      return { protocol: listed, meta: responseMeta(list, list.value) };
    }
    const {
      data: tvl,
      provider,
      attempted,
    } = await this.registry.execute('defi', (api, ctx) => api.getProtocolTvl({ slug, ctx }), {
      what: `Protocol "${slug}"`,
      isEmpty: () => false,
    });
    const protocol: ProtocolTvl = {
      name: slug,
      slug,
      tvl,
      chain: null,
      chains: [],
      symbol: null,
      category: null,
      change1d: null,
      change7d: null,
    };
    return { protocol, meta: liveMeta({ provider, attempted }) };
  }
}

function toProtocolDto(p: ProtocolTvl): DefiProtocolDto {
  return {
    name: p.name,
    slug: p.slug,
    tvl: p.tvl,
    chain: p.chain,
    chains: p.chains,
    symbol: p.symbol,
    category: p.category,
    change_1d: p.change1d,
    change_7d: p.change7d,
  };
}
