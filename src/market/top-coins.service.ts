import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { ProviderError } from '../core/http';
import type { MarketCoin, MarketOrder } from '../providers/provider.types';
import { ReadPath, type ReadAnswer } from '../providers/read-path/read-path.service';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import type { TopCoinDto } from './dto/market.dto';
import type {
  ChangeWindow,
  TopCoinRowDto,
  TopCoinsOrder,
  TopCoinsResponseDto,
} from './dto/top-coins.dto';
import { MarketCoinStore, type StoredMarketList } from './market-coin.store';
import { toPriceDto } from './prices.service';

export interface MarketPage {
  page: number;
  perPage: number;
  order: MarketOrder;
}

/** A market list as served: its coins and the provider that gave them. */
export interface ServedList {
  coins: MarketCoin[];
  provider: string;
}

const CHANGE: Record<ChangeWindow, (c: MarketCoin) => number | null> = {
  '1h': (c) => c.change1h ?? null,
  '24h': (c) => c.change24h,
  '7d': (c) => c.change7d ?? null,
};

export function changeOver(coin: MarketCoin, window: ChangeWindow): number | null {
  return CHANGE[window](coin);
}

export function toTopCoinDto(coin: MarketCoin, provider: string): TopCoinDto {
  return { rank: coin.rank, ...toPriceDto(coin, provider) };
}

/**
 * Coins by market cap or volume, a page at a time, from the `market` providers: the first page
 * by market cap from any of them (and stored, the last resort when all fail), other pages and
 * orders from those that page their market list.
 */
@Injectable()
export class TopCoinsService {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly readPath: ReadPath,
    private readonly coinStore: MarketCoinStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async topCoins(params: {
    page: number;
    perPage: number;
    order: TopCoinsOrder;
    windows: ChangeWindow[];
  }): Promise<TopCoinsResponseDto> {
    const [, window, direction] = /^change_(1h|24h|7d)_(desc|asc)$/.exec(params.order) ?? [];
    const upstreamOrder = window ? 'market_cap_desc' : (params.order as MarketOrder);
    const { value, meta } = await this.list({ ...params, order: upstreamOrder });
    const coins = window
      ? sortByChange(value.coins, window as ChangeWindow, direction === 'desc')
      : value.coins;
    return {
      data: coins.map((c) => withWindows(c, value.provider, params.windows)),
      meta: {
        ...meta,
        page: params.page,
        per_page: params.perPage,
        order: params.order,
        count: coins.length,
      },
    };
  }

  /** One page of the market list through the cache, the providers and the stored lists. */
  list(page: MarketPage): Promise<ReadAnswer<ServedList>> {
    const first = page.page === 1 && page.order === 'market_cap_desc';
    return this.readPath.read<ServedList>({
      key: first
        ? `market:top:${page.perPage}`
        : `market:top:${page.order}:${page.page}:${page.perPage}`,
      ttlSeconds: this.config.cacheTtlSeconds.prices,
      fetch: () => (first ? this.fetchFirstPage(page.perPage) : this.fetchPage(page)),
      stored:
        page.order === 'market_cap_desc'
          ? () => this.storedPage(page.page, page.perPage)
          : undefined,
    });
  }

  private async fetchFirstPage(limit: number) {
    const { data, provider, attempted } = await this.registry.execute('market', (api, ctx) =>
      api.getTopCoins({ limit, ctx }),
    );
    await this.coinStore.save({ coins: data, provider, fetchedAt: new Date() });
    return { value: { coins: data.slice(0, limit), provider }, provider, attempted };
  }

  private async fetchPage(page: MarketPage) {
    const { data, provider, attempted } = await this.registry.execute(
      'market',
      (api, ctx) => {
        if (!api.getMarketPage) {
          throw new ProviderError({
            provider: 'registry',
            kind: 'bad_request',
            message: `pages beyond the first or the ${page.order} order are not offered`,
          });
        }
        return api.getMarketPage({ ...page, ctx });
      },
      // A page past the end of the list is legitimately empty.
      { isEmpty: () => false },
    );
    return { value: { coins: data, provider }, provider, attempted };
  }

  /** The page's rank range from the newest stored list that reaches it. */
  private async storedPage(page: number, perPage: number) {
    const list: StoredMarketList | undefined = await this.coinStore.newest(page * perPage);
    const start = (page - 1) * perPage;
    if (!list || list.coins.length <= start) {
      return undefined;
    }
    return {
      value: { coins: list.coins.slice(start, start + perPage), provider: list.provider },
      newest: list.fetchedAt,
    };
  }
}

function sortByChange(coins: MarketCoin[], window: ChangeWindow, desc: boolean): MarketCoin[] {
  const sign = desc ? -1 : 1;
  return [...coins].sort((a, b) => {
    const [x, y] = [changeOver(a, window), changeOver(b, window)];
    if (x === null || y === null) {
      return x === y ? 0 : x === null ? 1 : -1;
    }
    return sign * (x - y);
  });
}

function withWindows(coin: MarketCoin, provider: string, windows: ChangeWindow[]): TopCoinRowDto {
  const row: TopCoinRowDto = toTopCoinDto(coin, provider);
  for (const window of windows) {
    row[`price_change_percentage_${window}_in_currency`] = changeOver(coin, window);
  }
  return row;
}
