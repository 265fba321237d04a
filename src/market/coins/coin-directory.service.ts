import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { CoinListing } from '../../providers/provider.types';
import { CoinListingsView } from '../../providers/coin-ids/coin-listings.view';
import { ProviderRegistry } from '../../providers/registry/provider-registry';
import { CoinCatalogue } from './coin-catalogue';
import { CoinListingStore } from './coin-listing.store';
import { FullDirectoryService } from '../directory/full-directory.service';

/** CoinGecko's largest coins, 250 per page: 1,000 covers everything a ticker is used for. */
const PAGES = 4;
const PER_PAGE = 250;
const MAX_AGE_MS = 24 * 3600_000;

/**
 * Keeps ticker resolution and the coin directory current: loads the stored market list and full
 * coin list at start and replaces both with fresh ones from CoinGecko on the daily schedule (the
 * lists are in CoinGecko's id namespace, so no other provider can stand in).
 */
@Injectable()
export class CoinDirectoryService implements OnApplicationBootstrap {
  private updatedAt: Date | null = null;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly store: CoinListingStore,
    private readonly catalogue: CoinCatalogue,
    private readonly full: FullDirectoryService,
    private readonly adapterListings: CoinListingsView,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { listings, updatedAt } = await this.store.all();
    this.catalogue.useListings(listings);
    this.adapterListings.use(listings);
    this.updatedAt = updatedAt;
    await this.full.load(listings);
  }

  /** True when either list is missing or more than a day old. */
  isStale(now = new Date()): boolean {
    const old = this.updatedAt === null || now.getTime() - this.updatedAt.getTime() > MAX_AGE_MS;
    return old || this.full.isStale(now);
  }

  /**
   * Both lists, each tried even when the other fails (the run then fails with the first error);
   * returns the market list's size.
   */
  async refresh(): Promise<number> {
    const [market, full] = await Promise.allSettled([
      this.refreshMarketList(),
      this.full.refresh(),
    ]);
    if (market.status === 'rejected') {
      throw market.reason;
    }
    if (full.status === 'rejected') {
      throw full.reason;
    }
    return market.value;
  }

  private async refreshMarketList(): Promise<number> {
    const listings = new Map<string, CoinListing>();
    for (let page = 1; page <= PAGES; page += 1) {
      const { data } = await this.registry.execute(
        'market',
        (api, ctx) => api.getCoinListings({ page, perPage: PER_PAGE, ctx }),
        { only: ['coingecko'], what: `coin list page ${page}` },
      );
      data.forEach((l) => listings.set(l.id, listings.get(l.id) ?? l));
      if (data.length < PER_PAGE) {
        break;
      }
    }
    const at = new Date();
    await this.store.replace([...listings.values()], at);
    this.catalogue.useListings([...listings.values()]);
    this.full.useListings([...listings.values()]);
    this.adapterListings.use([...listings.values()]);
    this.updatedAt = at;
    return listings.size;
  }
}
