import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../../core/config';
import { ProviderError, UpstreamHttpService, type UpstreamResponse } from '../../../core/http';
import { CoinListingsView } from '../../coin-ids/coin-listings.view';
import type {
  CallContext,
  CoinDetail,
  CoinDetailSource,
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
  DETAIL_QUOTES,
  notMapped,
  pickPaprikaId,
  SEARCH_LIMIT,
  toCoinDetail,
} from './coinpaprika.detail';
import {
  errorSchema,
  globalSchema,
  type PaprikaTicker,
  searchSchema,
  TICKER_KEYS,
  tickerDetailSchema,
  tickersSchema,
} from './coinpaprika.schemas';

const ID = 'coinpaprika';
/** Mapped ids kept (a coin's id rarely changes); past this the memo starts afresh. */
const MAX_MAPPED_IDS = 5_000;

/**
 * CoinPaprika's keyless free plan: the global overview, the USD tickers of its top 2,000 coins
 * and one coin's ticker in USD, EUR and BTC; its ids (`btc-bitcoin`) are mapped to CoinGecko's
 * through the coin listing.
 */
@Injectable()
export class CoinPaprikaAdapter
  implements UpstreamAdapter, PriceSource, MarketSource, CoinDetailSource
{
  readonly id = ID;
  readonly categories = ['prices', 'market', 'coin-detail'] as const;
  /** CoinGecko id to CoinPaprika id, so a detail costs one call after the first search. */
  private readonly paprikaIds = new Map<string, string>();

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly listings: CoinListingsView,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.get('/global', {}, globalSchema, ctx);
  }

  async getGlobal({ ctx }: { ctx: CallContext }): Promise<GlobalMarket> {
    const body = await this.get('/global', {}, globalSchema, ctx);
    return {
      totalMarketCapUsd: body.market_cap_usd,
      totalVolume24hUsd: body.volume_24h_usd,
      btcDominance: body.bitcoin_dominance_percentage,
      ethDominance: null,
      marketCapChange24hPct: body.market_cap_change_24h,
      activeCryptocurrencies: body.cryptocurrencies_number,
      updatedAt: fromSeconds(body.last_updated),
    };
  }

  async getPrices({ coins, ctx }: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]> {
    const byId = new Map((await this.mapped(ctx)).map((m) => [m.listing.id, m.row]));
    return coins.flatMap((coin) => {
      const row = byId.get(coin.coingeckoId);
      return row ? [{ ...quoteOf(row), symbol: coin.symbol, name: coin.name }] : [];
    });
  }

  async getTopCoins({ limit, ctx }: { limit: number; ctx: CallContext }): Promise<MarketCoin[]> {
    return (await this.mapped(ctx)).slice(0, limit).map(({ row, listing }) => ({
      ...quoteOf(row),
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
    const first = (params.page - 1) * params.perPage;
    return (await this.mapped(params.ctx))
      .slice(first, first + params.perPage)
      .map(({ row, listing }) => ({
        ...listing,
        marketCap: row.quotes.USD.market_cap ?? null,
        rank: row.rank,
      }));
  }

  async getCoinDetail({ id, ctx }: { id: string; ctx: CallContext }): Promise<CoinDetail> {
    const paprikaId = await this.paprikaIdOf(id, ctx);
    const path = `/tickers/${encodeURIComponent(paprikaId)}`;
    try {
      return toCoinDetail(
        id,
        await this.get(path, { quotes: DETAIL_QUOTES }, tickerDetailSchema, ctx),
      );
    } catch (error) {
      // Ids are slugs that CoinPaprika may rename: look the coin up afresh next time.
      if (error instanceof ProviderError && error.kind === 'not_found') {
        this.paprikaIds.delete(id);
      }
      throw error;
    }
  }

  /** CoinPaprika's id of a CoinGecko coin: searched by name, kept once it maps back. */
  private async paprikaIdOf(id: string, ctx: CallContext): Promise<string> {
    const known = this.paprikaIds.get(id);
    if (known) {
      return known;
    }
    const map = this.listings.idMap();
    const listing = map.listingOf(id);
    if (!listing) {
      throw notMapped(id, 'not in the CoinGecko listing ids are mapped through');
    }
    const query = { q: listing.name, c: 'currencies', limit: SEARCH_LIMIT };
    const { currencies } = await this.get('/search', query, searchSchema, ctx);
    const paprikaId = pickPaprikaId(id, currencies, map);
    if (this.paprikaIds.size >= MAX_MAPPED_IDS) {
      this.paprikaIds.clear();
    }
    this.paprikaIds.set(id, paprikaId);
    return paprikaId;
  }

  /** The active tickers by rank, each with the CoinGecko listing it maps to (unmapped dropped). */
  private async mapped(ctx: CallContext) {
    const rows = await this.get('/tickers', { quotes: 'USD' }, tickersSchema, ctx, TICKER_KEYS);
    const ranked = rows.filter((r) => r.rank > 0).sort((a, b) => a.rank - b.rank);
    return this.listings.idMap().mapAll(ranked);
  }

  private async get<S extends z.ZodType>(
    path: string,
    query: Record<string, string>,
    schema: S,
    ctx: CallContext,
    keepKeys?: ReadonlySet<string>,
  ): Promise<z.output<S>> {
    return this.http.getParsed(
      {
        provider: ID,
        baseUrl: this.config.upstreams.coinpaprika.baseUrl,
        path,
        query,
        headers: { accept: 'application/json' },
        signal: ctx.signal,
        refineError: (res) => planError(path, res),
      },
      schema,
      keepKeys,
    );
  }
}

function quoteOf(row: PaprikaTicker): Omit<PriceQuote, 'symbol' | 'name'> {
  const usd = row.quotes.USD;
  return {
    price: usd.price,
    change24h: usd.percent_change_24h ?? null,
    volume24h: usd.volume_24h ?? null,
    marketCap: usd.market_cap ?? null,
    lastUpdated: new Date(row.last_updated),
  };
}

/**
 * HTTP 402 is CoinPaprika's "not in your plan" (its message says what): a refusal of the plan,
 * like a rejected key, not a bad request of ours. Other statuses keep the generic mapping.
 */
function planError(path: string, response: UpstreamResponse): ProviderError | undefined {
  if (response.status !== 402) {
    return undefined;
  }
  let message = 'not allowed in the free plan';
  try {
    const parsed = errorSchema.safeParse(JSON.parse(response.text));
    message = parsed.success ? parsed.data.error : message;
  } catch {
    // Not JSON: the generic message stands.
  }
  return new ProviderError({
    provider: ID,
    kind: 'auth',
    status: 402,
    message: `${path}: HTTP 402 plan limit: ${message}`,
  });
}
