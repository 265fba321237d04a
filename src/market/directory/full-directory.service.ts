import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../core/config';
import type { CoinListing, DirectoryCoin } from '../../providers/provider.types';
import { ProviderRegistry } from '../../providers/registry/provider-registry';
import { type DirectoryEntry, DirectoryIndex } from './directory-index';
import { DirectoryStore } from './directory.store';

const MAX_AGE_MS = 24 * 3600_000;
/** The whole list is one answer of several MB: more time than a price quote gets. */
const LIST_TIMEOUT_MS = 60_000;

/**
 * Every coin CoinGecko lists (`/coins/list`, refreshed daily and stored), joined with the market
 * list's ranks and the configured coins, indexed in memory for paging and search. Coins the
 * market list or the configuration knows but the full list has not described yet are listed
 * too, with platforms unknown (null).
 */
@Injectable()
export class FullDirectoryService {
  private coins: readonly DirectoryCoin[] = [];
  private listings: readonly CoinListing[] = [];
  private updatedAt: Date | null = null;
  private current: DirectoryIndex;
  private readonly configured: readonly KnownCoin[];

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly store: DirectoryStore,
    @InjectConfig() config: AppConfig,
  ) {
    this.configured = config.catalogue.coins;
    this.current = this.build();
  }

  /** The stored list, with the market list's ranks (at start). */
  async load(listings: readonly CoinListing[]): Promise<void> {
    const { coins, updatedAt } = await this.store.all();
    this.coins = coins;
    this.updatedAt = updatedAt;
    this.useListings(listings);
  }

  /** New ranks from a fresh market list. */
  useListings(listings: readonly CoinListing[]): void {
    this.listings = listings;
    this.current = this.build();
  }

  get index(): DirectoryIndex {
    return this.current;
  }

  /** When the full list was last stored; null before the first refresh. */
  get refreshedAt(): Date | null {
    return this.updatedAt;
  }

  isStale(now = new Date()): boolean {
    return this.updatedAt === null || now.getTime() - this.updatedAt.getTime() > MAX_AGE_MS;
  }

  async refresh(): Promise<number> {
    const { data } = await this.registry.execute(
      'directory',
      (api, ctx) => api.getCoinList({ ctx }),
      { what: 'coin list', callTimeoutMs: LIST_TIMEOUT_MS, deadlineMs: LIST_TIMEOUT_MS },
    );
    const unique = [...new Map(data.map((c) => [c.id, c])).values()];
    const at = new Date();
    await this.store.replace(unique, at);
    this.coins = unique;
    this.updatedAt = at;
    this.current = this.build();
    return unique.length;
  }

  private build(): DirectoryIndex {
    const entries = new Map<string, DirectoryEntry>();
    const rank = new Map(this.listings.map((l) => [l.id, l.rank]));
    for (const c of this.coins) {
      entries.set(c.id, { ...c, rank: rank.get(c.id) ?? null });
    }
    for (const l of this.listings) {
      if (!entries.has(l.id)) {
        entries.set(l.id, {
          id: l.id,
          symbol: l.symbol,
          name: l.name,
          rank: l.rank,
          platforms: null,
        });
      }
    }
    for (const c of this.configured) {
      if (!entries.has(c.coingeckoId)) {
        const { coingeckoId: id, symbol, name } = c;
        entries.set(id, { id, symbol, name, rank: null, platforms: null });
      }
    }
    return new DirectoryIndex(entries.values());
  }
}
