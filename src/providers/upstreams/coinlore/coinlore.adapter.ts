import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../../core/config';
import { parsePayload, UpstreamHttpService } from '../../../core/http';
import { CoinListingsView } from '../../coin-ids/coin-listings.view';
import type {
  CallContext,
  CoinListing,
  GlobalMarket,
  MarketCoin,
  MarketSource,
  PriceQuote,
  PriceSource,
  UpstreamAdapter,
} from '../../provider.types';
import { fromSeconds } from '../payload-fields';
import {
  type CoinLoreTicker,
  globalSchema,
  tickerListSchema,
  tickersSchema,
} from './coinlore.schemas';

const ID = 'coinlore';
/** /tickers/ serves at most 100 coins a page. */
const PAGE = 100;
/** How deep getPrices looks for coins it has no CoinLore id for yet. */
const ID_SEARCH_PAGES = 3;

type Mapped = { row: CoinLoreTicker; listing: CoinListing };

/**
 * CoinLore (keyless): the global overview and USD tickers. Its numeric ids ("90") are mapped to
 * CoinGecko's through the coin listing; ids learnt from /tickers/ let prices use /ticker/?id=.
 */
@Injectable()
export class CoinLoreAdapter implements UpstreamAdapter, PriceSource, MarketSource {
  readonly id = ID;
  readonly categories = ['prices', 'market'] as const;
  /** CoinGecko id → CoinLore id, learnt from mapped /tickers/ pages. */
  private readonly loreIds = new Map<string, string>();

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly listings: CoinListingsView,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.get('/global/', {}, globalSchema, ctx);
  }

  async getGlobal({ ctx }: { ctx: CallContext }): Promise<GlobalMarket> {
    const [body] = await this.get('/global/', {}, globalSchema, ctx);
    return {
      totalMarketCapUsd: body.total_mcap,
      totalVolume24hUsd: body.total_volume,
      btcDominance: body.btc_d,
      ethDominance: body.eth_d,
      marketCapChange24hPct: body.mcap_change,
      activeCryptocurrencies: body.coins_count,
      // CoinLore's /global/ carries no time: this is when it arrived.
      updatedAt: new Date(),
    };
  }

  async getPrices({ coins, ctx }: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]> {
    if (coins.some((c) => !this.loreIds.has(c.coingeckoId))) {
      await this.learnIds(coins, ctx);
    }
    const ids = coins.flatMap((c) => this.loreIds.get(c.coingeckoId) ?? []);
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.get('/ticker/', { id: ids.join(',') }, tickerListSchema, ctx);
    // The rows are mapped again: an id whose coin changed name or ticker is not trusted.
    const byId = new Map(
      this.listings
        .idMap()
        .mapAll(rows)
        .map((m) => [m.listing.id, m.row]),
    );
    return coins.flatMap((coin) => {
      const row = byId.get(coin.coingeckoId);
      // /ticker/ gives no time: the quote's age is unknown.
      return row
        ? [{ ...quoteOf(row, new Date()), symbol: coin.symbol, name: coin.name, timeUnknown: true }]
        : [];
    });
  }

  async getTopCoins({ limit, ctx }: { limit: number; ctx: CallContext }): Promise<MarketCoin[]> {
    const { mapped, time } = await this.tickers(0, limit, ctx);
    return mapped.slice(0, limit).map(({ row, listing }) => ({
      ...quoteOf(row, fromSeconds(time)),
      id: listing.id,
      symbol: listing.symbol.toUpperCase(),
      name: listing.name,
      rank: row.rank,
    }));
  }

  async getCoinListings(params: {
    page: number;
    perPage: number;
    ctx: CallContext;
  }): Promise<CoinListing[]> {
    const start = (params.page - 1) * params.perPage;
    const { mapped } = await this.tickers(start, params.perPage, params.ctx);
    return mapped.map(({ row, listing }) => ({
      ...listing,
      marketCap: row.market_cap_usd,
      rank: row.rank,
    }));
  }

  /** Pages through /tickers/ until the coins have CoinLore ids or the search depth is reached. */
  private async learnIds(coins: KnownCoin[], ctx: CallContext): Promise<void> {
    for (let page = 0; page < ID_SEARCH_PAGES; page += 1) {
      const { more } = await this.tickers(page * PAGE, PAGE, ctx);
      if (!more || coins.every((c) => this.loreIds.has(c.coingeckoId))) {
        return;
      }
    }
  }

  /** `count` tickers from rank offset `start`, mapped (unmapped dropped), learning their ids. */
  private async tickers(start: number, count: number, ctx: CallContext) {
    const mapped: Mapped[] = [];
    let time = 0;
    let more = true;
    for (let offset = start; offset < start + count && more; offset += PAGE) {
      const limit = Math.min(PAGE, start + count - offset);
      const page = await this.get('/tickers/', { start: offset, limit }, tickersSchema, ctx);
      time = Math.max(time, page.info.time);
      more = page.data.length === limit && offset + limit < page.info.coins_num;
      for (const m of this.listings.idMap().mapAll(page.data)) {
        this.loreIds.set(m.listing.id, m.row.id);
        mapped.push(m);
      }
    }
    return { mapped, time, more };
  }

  private async get<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number>,
    schema: S,
    ctx: CallContext,
  ): Promise<z.output<S>> {
    const response = await this.http.get({
      provider: ID,
      baseUrl: this.config.upstreams.coinlore.baseUrl,
      path,
      query,
      headers: { accept: 'application/json' },
      signal: ctx.signal,
    });
    // An unknown id may come back as an empty body instead of an empty array.
    const text = response.text.trim() === '' && path === '/ticker/' ? '[]' : response.text;
    return parsePayload({ provider: ID, path, text }, schema);
  }
}

function quoteOf(row: CoinLoreTicker, lastUpdated: Date): Omit<PriceQuote, 'symbol' | 'name'> {
  return {
    price: row.price_usd,
    change24h: row.percent_change_24h,
    volume24h: row.volume24,
    marketCap: row.market_cap_usd,
    lastUpdated,
  };
}
