import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../core/config';
import type { CoinListing } from '../provider.types';
import { CoinIdMap } from './coin-id-map';

/**
 * The listings foreign ids map through: the stored CoinGecko listing, plus the configured coins
 * it lacks (coins resolved by id because they share a larger coin's ticker carry no real ticker
 * there, so they are not added).
 */
export function withConfigured(
  listings: readonly CoinListing[],
  configured: readonly KnownCoin[],
): CoinListing[] {
  const listed = new Set(listings.map((l) => l.id));
  const extra = configured
    .filter((c) => !c.sharesTicker && !listed.has(c.coingeckoId))
    .map((c) => ({
      id: c.coingeckoId,
      symbol: c.symbol,
      name: c.name,
      marketCap: null,
      rank: null,
    }));
  return [...listings, ...extra];
}

/**
 * The CoinGecko coin listing as the adapters see it, for upstreams with ids of their own. The
 * market module's coin directory hands over each list it loads or fetches; until then the
 * configured coins (config/coins.json) stand in, so a fresh install still maps the majors.
 */
@Injectable()
export class CoinListingsView {
  private readonly configured: readonly KnownCoin[];
  private map: CoinIdMap;

  constructor(@InjectConfig() config: AppConfig) {
    this.configured = config.catalogue.coins;
    this.map = new CoinIdMap(withConfigured([], this.configured));
  }

  /** Replaces the listing; configured coins it lacks are kept. */
  use(listings: readonly CoinListing[]): void {
    this.map = new CoinIdMap(withConfigured(listings, this.configured));
  }

  idMap(): CoinIdMap {
    return this.map;
  }
}
