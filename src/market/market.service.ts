import { Injectable } from '@nestjs/common';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig } from '../core/config';
import type { GlobalMarket, MarketCoin } from '../providers/provider.types';
import { ReadPath, type Sourced, type StoredRows } from '../providers/read-path/read-path.service';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import type { MarketResponseDto, SnapshotsResponseDto } from './dto/market.dto';
import { MarketSnapshotStore, type StoredOverview } from './market-snapshot.store';
import { toTopCoinDto } from './top-coins.service';
import { storedMeta } from '../core/web/response-meta';
import { RealtimePublisher } from '../core/realtime/realtime.publisher';

const OVERVIEW_TOP = 10;
const OVERVIEW_KEY = 'market:overview';

/** The overview as served: global figures and the top coins, each coin with who gave it. */
interface Overview {
  global: GlobalMarket;
  top: MarketCoin[];
  topProvider: string;
}

export type FreshOverview = Sourced<Overview> & StoredOverview;

/** The market overview and the coins by market cap, from the `market` providers. */
@Injectable()
export class MarketService {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly cache: CacheService,
    private readonly readPath: ReadPath,
    private readonly snapshotStore: MarketSnapshotStore,
    private readonly realtime: RealtimePublisher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async overview(): Promise<MarketResponseDto> {
    const { value, meta } = await this.readPath.read<Overview>({
      key: OVERVIEW_KEY,
      ttlSeconds: this.config.cacheTtlSeconds.prices,
      fetch: async () => {
        const fresh = await this.fetchOverview();
        await this.snapshotStore.save(fresh);
        return fresh;
      },
      stored: () => this.storedOverview(),
    });
    const { global, top, topProvider } = value;
    const priceOf = (symbol: string) => top.find((c) => c.symbol === symbol)?.price ?? null;
    return {
      data: {
        total_market_cap_usd: global.totalMarketCapUsd,
        total_volume_24h_usd: global.totalVolume24hUsd,
        btc_dominance: global.btcDominance,
        eth_dominance: global.ethDominance,
        market_cap_change_24h_pct: global.marketCapChange24hPct,
        active_cryptocurrencies: global.activeCryptocurrencies,
        btc_price: priceOf('BTC'),
        eth_price: priceOf('ETH'),
        top: top.map((c) => toTopCoinDto(c, topProvider)),
      },
      meta,
    };
  }

  /**
   * After a collector run stored `fresh` (its snapshot and top coins): readers get the fresh
   * overview from the cache, and it goes out on the `market` channel.
   */
  async publishOverview(fresh: FreshOverview): Promise<void> {
    this.cache.put(OVERVIEW_KEY, fresh, this.config.cacheTtlSeconds.prices);
    this.realtime.publish('market', 'market', (await this.overview()).data);
  }

  async snapshots(hours: number): Promise<SnapshotsResponseDto> {
    const to = new Date();
    const from = new Date(to.getTime() - hours * 3_600_000);
    const rows = await this.snapshotStore.since(from);
    return {
      data: rows.map((r) => ({
        timestamp: r.timestamp.toISOString(),
        btc_price: r.btcPrice,
        eth_price: r.ethPrice,
        market_cap: r.marketCap,
        volume_24h: r.volume24h,
        btc_dominance: r.btcDominance,
      })),
      meta: {
        ...storedMeta({ newest: rows.at(-1)?.timestamp ?? null, stale: false, attempted: [] }),
        points: rows.length,
        from: from.toISOString(),
        to: to.toISOString(),
      },
    };
  }

  /** The overview from upstream now, with the snapshot row it makes; nothing stored here. */
  async fetchOverview(): Promise<FreshOverview> {
    const global = await this.registry.execute('market', (api, ctx) => api.getGlobal({ ctx }), {
      isEmpty: () => false,
    });
    const top = await this.registry.execute('market', (api, ctx) =>
      api.getTopCoins({ limit: OVERVIEW_TOP, ctx }),
    );
    const priceOf = (symbol: string) => top.data.find((c) => c.symbol === symbol)?.price ?? null;
    const timestamp = new Date();
    return {
      value: { global: global.data, top: top.data, topProvider: top.provider },
      provider: global.provider,
      attempted: [...global.attempted, ...top.attempted],
      snapshot: {
        btcPrice: priceOf('BTC'),
        ethPrice: priceOf('ETH'),
        marketCap: global.data.totalMarketCapUsd,
        volume24h: global.data.totalVolume24hUsd,
        btcDominance: global.data.btcDominance,
        ethDominance: global.data.ethDominance,
        marketCapChange24hPct: global.data.marketCapChange24hPct,
        activeCryptocurrencies: global.data.activeCryptocurrencies,
        timestamp,
      },
      top: { coins: top.data, provider: top.provider, fetchedAt: timestamp },
    };
  }

  /**
   * The newest snapshot with the newest stored top coins, as of the snapshot. Snapshots stored
   * before they kept the whole overview lack its global figures: those are not served.
   */
  private async storedOverview(): Promise<StoredRows<Overview> | undefined> {
    const stored = await this.snapshotStore.newest(OVERVIEW_TOP);
    if (!stored) {
      return undefined;
    }
    const s = stored.snapshot;
    if (s.marketCap === null || s.volume24h === null || s.activeCryptocurrencies === null) {
      return undefined;
    }
    return {
      value: {
        global: {
          totalMarketCapUsd: s.marketCap,
          totalVolume24hUsd: s.volume24h,
          btcDominance: s.btcDominance,
          ethDominance: s.ethDominance,
          marketCapChange24hPct: s.marketCapChange24hPct,
          activeCryptocurrencies: s.activeCryptocurrencies,
          updatedAt: s.timestamp,
        },
        top: stored.top.coins.slice(0, OVERVIEW_TOP),
        topProvider: stored.top.provider,
      },
      newest: s.timestamp,
    };
  }
}
