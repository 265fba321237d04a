import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../core/config';
import type { CoinCurrencyFigures, CoinDetail } from '../../providers/provider.types';
import { ReadPath } from '../../providers/read-path/read-path.service';
import { ProviderRegistry } from '../../providers/registry/provider-registry';
import { CoinCatalogue } from '../coins/coin-catalogue';
import { CoinDetailStore } from './coin-detail.store';
import type { CoinDetailResponseDto, CoinQuoteDto } from './dto/coin-detail.dto';
import { FullDirectoryService } from './full-directory.service';

/** A record with the provider that fetched it, so a stored answer still says who that was. */
interface SourcedDetail {
  detail: CoinDetail;
  origin: string;
}

/**
 * One coin's record from the `coin-detail` category (CoinGecko's `/coins/{id}`, else CoinPaprika's
 * ticker): cached for CACHE_TTL_COIN_DETAIL with every currency it carries, stored on each fetch
 * labelled with its provider, and read back (stale) when every source fails.
 */
@Injectable()
export class CoinDetailService {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly readPath: ReadPath,
    private readonly store: CoinDetailStore,
    private readonly directory: FullDirectoryService,
    private readonly catalogue: CoinCatalogue,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async detail(token: string, vs: readonly string[]): Promise<CoinDetailResponseDto> {
    const id = this.idOf(token);
    const { value: sourced, meta } = await this.readPath.read<SourcedDetail>({
      key: `coins:detail:${id}`,
      ttlSeconds: this.config.cacheTtlSeconds.coinDetail,
      fetch: async () => {
        const { data, provider, attempted } = await this.registry.execute(
          'coin-detail',
          (api, ctx) => api.getCoinDetail({ id, ctx }),
          { what: `coin "${id}"`, isEmpty: () => false },
        );
        await this.store.save({ detail: data, fetchedAt: new Date(), provider });
        return { value: { detail: data, origin: provider }, provider, attempted };
      },
      stored: async () => {
        const row = await this.store.get(id);
        return (
          row && { value: { detail: row.detail, origin: row.provider }, newest: row.fetchedAt }
        );
      },
    });
    const value = sourced.detail;
    const currencies = Object.keys(value.currencies).sort();
    const wanted = [...new Set(vs)];
    const unknown = wanted.filter((code) => !value.currencies[code]);
    if (unknown.length > 0) {
      throw new BadRequestException(
        `vs: ${unknown.join(', ')} not among the currencies ${id} is priced in: ${currencies.join(', ')} (record from ${sourced.origin})`,
      );
    }
    return {
      data: toDto(value, wanted),
      meta: { ...meta, origin: sourced.origin, currencies },
    };
  }

  /**
   * The CoinGecko id a token names: an id in the directory, else a ticker the service resolves.
   * Once the full list is stored, anything else is a 404 without asking upstream.
   */
  private idOf(token: string): string {
    const lower = token.toLowerCase();
    if (this.directory.index.get(lower)) {
      return lower;
    }
    const coin = this.catalogue.find(token);
    if (coin) {
      return coin.coingeckoId;
    }
    if (this.directory.refreshedAt !== null) {
      throw new NotFoundException(
        `Unknown coin "${token}": not a CoinGecko id among the ${this.directory.index.size} coins of the directory (search with GET /api/search?q=)`,
      );
    }
    return lower;
  }
}

function toDto(d: CoinDetail, vs: readonly string[]): CoinDetailResponseDto['data'] {
  return {
    id: d.id,
    symbol: d.symbol,
    name: d.name,
    market_cap_rank: d.marketCapRank,
    quotes: vs.map((code) => quote(code, d.currencies[code])),
    supply: d.supply,
    categories: d.categories,
    links: d.links,
    platforms: d.platforms,
    genesis_date: d.genesisDate,
    last_updated: d.lastUpdated,
  };
}

function quote(currency: string, f: CoinCurrencyFigures): CoinQuoteDto {
  return {
    currency,
    price: f.price,
    market_cap: f.marketCap,
    fully_diluted_valuation: f.fullyDilutedValuation,
    volume_24h: f.volume24h,
    high_24h: f.high24h,
    low_24h: f.low24h,
    change_1h_pct: f.change1h,
    change_24h_pct: f.change24h,
    change_7d_pct: f.change7d,
    change_30d_pct: f.change30d,
    ath: f.ath,
    ath_change_pct: f.athChangePct,
    ath_date: f.athDate,
    atl: f.atl,
    atl_change_pct: f.atlChangePct,
    atl_date: f.atlDate,
  };
}
