import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../../core/config';
import {
  parsePayload,
  ProviderError,
  UpstreamHttpService,
  type UpstreamResponse,
} from '../../../core/http';
import type {
  CallContext,
  Candle,
  CoinListing,
  CandleQuery,
  CandleInterval,
  GlobalMarket,
  HistoryQuery,
  HistorySource,
  MarketCoin,
  MarketSource,
  OhlcvSource,
  PricePoint,
  PriceQuote,
  PriceSource,
  TrendingCoin,
  TrendingSource,
  UpstreamAdapter,
} from '../../provider.types';
import { fromSeconds } from '../payload-fields';
import {
  globalSchema,
  marketChartSchema,
  marketsSchema,
  ohlcSchema,
  pingSchema,
  simplePriceSchema,
  topMarketsSchema,
  trendingSchema,
} from './coingecko.schemas';

const ID = 'coingecko';
const DAY_MS = 86_400_000;
/** Public and demo plans serve at most 365 days of history (error 10012). */
const MAX_HISTORY_DAYS = 365;
/** CoinGecko picks the candle size from `days`: 1–2 → 30 min, 3–30 → 4 h. */
const OHLC_GRANULARITY: Partial<Record<CandleInterval, { ms: number; maxDays: number }>> = {
  '30m': { ms: 30 * 60_000, maxDays: 2 },
  '4h': { ms: 4 * 3_600_000, maxDays: 30 },
};
const OHLC_DAYS = [1, 2, 7, 14, 30];
const AUTH_CODES = new Set([10002, 10005, 10010, 10011]);

/** CoinGecko v3: keyless, demo key (public host) or pro key (pro host). */
@Injectable()
export class CoinGeckoAdapter
  implements UpstreamAdapter, PriceSource, MarketSource, TrendingSource, OhlcvSource, HistorySource
{
  readonly id = ID;
  readonly categories = ['prices', 'market', 'trending', 'ohlcv', 'history'] as const;
  readonly candleIntervals = Object.keys(OHLC_GRANULARITY) as CandleInterval[];
  /** `/ohlc` serves fixed windows ending now (`/ohlc/range` is paid-only), in USD coin ids. */
  readonly candleRanges = false;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.get('/ping', {}, pingSchema, ctx);
  }

  async getPrices({ coins, ctx }: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]> {
    const body = await this.get(
      '/simple/price',
      {
        ids: coins.map((c) => c.coingeckoId).join(','),
        vs_currencies: 'usd',
        include_market_cap: true,
        include_24hr_vol: true,
        include_24hr_change: true,
        include_last_updated_at: true,
      },
      simplePriceSchema,
      ctx,
    );
    return coins.flatMap((coin) => {
      const quote = body[coin.coingeckoId];
      return quote
        ? [
            {
              symbol: coin.symbol,
              name: coin.name,
              price: quote.usd,
              change24h: quote.usd_24h_change ?? null,
              volume24h: quote.usd_24h_vol ?? null,
              marketCap: quote.usd_market_cap ?? null,
              // Asked for with include_last_updated_at; absent, the quote's age is unknown.
              lastUpdated: quote.last_updated_at ? fromSeconds(quote.last_updated_at) : new Date(),
              timeUnknown: !quote.last_updated_at,
            },
          ]
        : [];
    });
  }

  async getTopCoins({ limit, ctx }: { limit: number; ctx: CallContext }): Promise<MarketCoin[]> {
    const rows = await this.markets({ page: 1, perPage: limit, ctx }, topMarketsSchema);
    return rows
      .filter((r) => r.current_price !== null)
      .map((r) => ({
        id: r.id,
        rank: r.market_cap_rank,
        symbol: r.symbol.toUpperCase(),
        name: r.name,
        price: r.current_price ?? 0,
        change24h: r.price_change_percentage_24h,
        volume24h: r.total_volume,
        marketCap: r.market_cap,
        lastUpdated: r.last_updated ? new Date(r.last_updated) : new Date(),
        timeUnknown: !r.last_updated,
      }));
  }

  async getCoinListings(params: {
    page: number;
    perPage: number;
    ctx: CallContext;
  }): Promise<CoinListing[]> {
    const rows = await this.markets(params, marketsSchema);
    return rows.map((r) => ({
      id: r.id,
      symbol: r.symbol.toUpperCase(),
      name: r.name,
      marketCap: r.market_cap,
      rank: r.market_cap_rank,
    }));
  }

  /** One page of /coins/markets by market cap: the top coins are its first page. */
  private markets(
    params: { page: number; perPage: number; ctx: CallContext },
    schema: typeof marketsSchema,
  ): Promise<z.output<typeof marketsSchema>> {
    return this.get(
      '/coins/markets',
      { vs_currency: 'usd', order: 'market_cap_desc', per_page: params.perPage, page: params.page },
      schema,
      params.ctx,
    );
  }

  async getGlobal({ ctx }: { ctx: CallContext }): Promise<GlobalMarket> {
    const { data } = await this.get('/global', {}, globalSchema, ctx);
    return {
      totalMarketCapUsd: data.total_market_cap.usd ?? 0,
      totalVolume24hUsd: data.total_volume.usd ?? 0,
      btcDominance: data.market_cap_percentage.btc ?? null,
      ethDominance: data.market_cap_percentage.eth ?? null,
      marketCapChange24hPct: data.market_cap_change_percentage_24h_usd,
      activeCryptocurrencies: data.active_cryptocurrencies,
      updatedAt: fromSeconds(data.updated_at),
    };
  }

  async getTrending({ ctx }: { ctx: CallContext }): Promise<TrendingCoin[]> {
    const { coins } = await this.get('/search/trending', {}, trendingSchema, ctx);
    return coins.map(({ item }, index) => ({
      rank: index + 1,
      id: item.id,
      symbol: item.symbol.toUpperCase(),
      name: item.name,
      marketCapRank: item.market_cap_rank,
      priceUsd: item.data?.price ?? null,
      score: item.score,
    }));
  }

  async getCandles(params: CandleQuery): Promise<Candle[]> {
    const granularity = OHLC_GRANULARITY[params.interval];
    if (!granularity) {
      throw this.unsupported(`${params.interval} candles`);
    }
    const wantedDays = Math.ceil((params.limit * granularity.ms) / DAY_MS);
    const days =
      OHLC_DAYS.find((d) => d >= wantedDays && d <= granularity.maxDays) ?? granularity.maxDays;
    const rows = await this.get(
      `/coins/${encodeURIComponent(params.coin.coingeckoId)}/ohlc`,
      { vs_currency: 'usd', days },
      ohlcSchema,
      params.ctx,
    );
    // CoinGecko stamps each candle with its close time.
    return rows.slice(-params.limit).map(([closeMs, open, high, low, close]) => ({
      openTime: new Date(closeMs - granularity.ms),
      open,
      high,
      low,
      close,
      volume: null,
    }));
  }

  async getPriceHistory(params: HistoryQuery): Promise<PricePoint[]> {
    const days = Math.min(
      MAX_HISTORY_DAYS,
      Math.max(1, Math.ceil((Date.now() - params.from.getTime()) / DAY_MS)),
    );
    const { prices } = await this.get(
      `/coins/${encodeURIComponent(params.coin.coingeckoId)}/market_chart`,
      { vs_currency: 'usd', days },
      marketChartSchema,
      params.ctx,
    );
    return prices
      .filter(([ms]) => ms >= params.from.getTime() && ms <= params.to.getTime())
      .map(([ms, price]) => ({ timestamp: new Date(ms), price }));
  }

  private async get<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number | boolean>,
    schema: S,
    ctx: CallContext,
  ): Promise<z.output<S>> {
    const { baseUrl, apiKey, plan } = this.config.upstreams.coingecko;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (apiKey) {
      headers[plan === 'pro' ? 'x-cg-pro-api-key' : 'x-cg-demo-api-key'] = apiKey;
    }
    const response = await this.http.get({
      provider: ID,
      baseUrl,
      path,
      query,
      headers,
      signal: ctx.signal,
      refineError: (res) => this.refineError(path, res),
    });
    return parsePayload({ provider: ID, path, text: response.text }, schema);
  }

  /** CoinGecko's error codes live in one of several body shapes. */
  private refineError(path: string, response: UpstreamResponse): ProviderError | undefined {
    const code = /"error_code"\s*:\s*(\d+)/.exec(response.text)?.[1];
    if (!code || response.status === 429) {
      return undefined;
    }
    const numeric = Number(code);
    if (AUTH_CODES.has(numeric)) {
      return new ProviderError({
        provider: ID,
        kind: 'auth',
        status: response.status,
        message: `${path}: API key or plan rejected (error ${numeric}); check COINGECKO_API_KEY and COINGECKO_API_PLAN`,
      });
    }
    if (numeric === 10012) {
      return new ProviderError({
        provider: ID,
        kind: 'bad_request',
        status: response.status,
        message: `${path}: history beyond what the plan allows (error 10012)`,
      });
    }
    return undefined;
  }

  private unsupported(what: string): ProviderError {
    return new ProviderError({ provider: ID, kind: 'bad_request', message: `${what} not offered` });
  }
}
