import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../core/config';
import type { CoinListing } from '../provider.types';
import { CoinIdMap } from './coin-id-map';

/**
 * The CoinGecko coin listing as the adapters see it, for upstreams with ids of their own. The
 * market module's coin directory hands over each list it loads or fetches; until then the
 * configured coins (config/coins.json) stand in, so a fresh install still maps the majors.
 */
@Injectable()
export class CoinListingsView {
  private readonly configured: CoinListing[];
  private map: CoinIdMap;

  constructor(@InjectConfig() config: AppConfig) {
    this.configured = config.catalogue.coins
      .filter((c) => !c.sharesTicker)
      .map((c) => ({
        id: c.coingeckoId,
        symbol: c.symbol,
        name: c.name,
        marketCap: null,
        rank: null,
      }));
    this.map = new CoinIdMap(this.configured);
  }

  /** Replaces the listing; configured coins it lacks are kept. */
  use(listings: readonly CoinListing[]): void {
    const listed = new Set(listings.map((l) => l.id));
    this.map = new CoinIdMap([...listings, ...this.configured.filter((c) => !listed.has(c.id))]);
  }

  idMap(): CoinIdMap {
    return this.map;
  }
}
