import { Injectable } from '@nestjs/common';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig } from '../core/config';
import type { GlobalMarket, MarketCoin } from '../providers/provider.types';
import type { ProviderAttempt } from '../providers/registry/provider-attempt';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import type {
  MarketResponseDto,
  SnapshotsResponseDto,
  TopCoinDto,
  TopCoinsResponseDto,
} from './dto/market.dto';
import { MarketSnapshotStore, type NewSnapshot } from './market-snapshot.store';
import { toPriceDto } from './prices.service';
import { responseMeta, storedMeta } from '../core/web/response-meta';
import { RealtimePublisher } from '../core/realtime/realtime.publisher';

const OVERVIEW_TOP = 10;
const OVERVIEW_KEY = 'market:overview';

interface Fetched<T> {
  value: T;
  provider: string;
  attempted: ProviderAttempt[];
}

export type FreshOverview = Fetched<{ global: GlobalMarket; top: MarketCoin[] }> & {
  snapshot: NewSnapshot;
};

/** The market overview and the coins by market cap, from the `market` providers. */
@Injectable()
export class MarketService {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly cache: CacheService,
    private readonly snapshotStore: MarketSnapshotStore,
    private readonly realtime: RealtimePublisher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async overview(): Promise<MarketResponseDto> {
    const result = await this.cache.getOrLoad(
      OVERVIEW_KEY,
      { ttlSeconds: this.config.cacheTtlSeconds.prices },
      async () => {
        const fresh = await this.fetchOverview();
        await this.snapshotStore.save(fresh.snapshot);
        return fresh;
      },
    );
    const { global, top } = result.value.value;
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
        top: top.map((c) => toDto(c, result.value.provider)),
      },
      meta: responseMeta(result, result.value),
    };
  }

  /**
   * After a collector run stored `fresh.snapshot` with its prices: readers get the fresh overview
   * from the cache, and it goes out on the `market` channel.
   */
  async publishOverview(fresh: FreshOverview): Promise<void> {
    this.cache.put(OVERVIEW_KEY, fresh, this.config.cacheTtlSeconds.prices);
    this.realtime.publish('market', 'market', (await this.overview()).data);
  }

  async topCoins(limit: number): Promise<TopCoinsResponseDto> {
    const result = await this.cache.getOrLoad(
      `market:top:${limit}`,
      { ttlSeconds: this.config.cacheTtlSeconds.prices },
      async () => {
        const { data, provider, attempted } = await this.registry.execute('market', (api, ctx) =>
          api.getTopCoins({ limit, ctx }),
        );
        return { value: data, provider, attempted };
      },
    );
    return {
      data: result.value.value.map((c) => toDto(c, result.value.provider)),
      meta: responseMeta(result, result.value),
    };
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
    return {
      value: { global: global.data, top: top.data },
      provider: global.provider,
      attempted: [...global.attempted, ...top.attempted],
      snapshot: {
        btcPrice: priceOf('BTC'),
        ethPrice: priceOf('ETH'),
        marketCap: global.data.totalMarketCapUsd,
        volume24h: global.data.totalVolume24hUsd,
        btcDominance: global.data.btcDominance,
        timestamp: new Date(),
      },
    };
  }
}

function toDto(coin: MarketCoin, provider: string): TopCoinDto {
  return { rank: coin.rank, ...toPriceDto(coin, provider) };
}
