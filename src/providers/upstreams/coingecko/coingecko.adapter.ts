import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../../core/config';
import { ProviderError, UpstreamHttpService } from '../../../core/http';
import type {
  CallContext,
  Candle,
  CoinListing,
  CandleQuery,
  CoinDetail,
  DirectoryCoin,
  DirectorySource,
  CoinDetailSource,
  FxRate,
  FxSource,
  GlobalMarket,
  HistoryQuery,
  HistorySource,
  MarketCoin,
  MarketOrder,
  MarketPageQuery,
  MarketSource,
  MultiCurrencyQuote,
  OhlcvSource,
  PricePoint,
  PriceQuote,
  PriceSource,
  QuoteSource,
  TrendingCoin,
  TrendingSource,
  UpstreamAdapter,
} from '../../provider.types';
import { fromSeconds } from '../payload-fields';
import { COINGECKO_CANDLE_INTERVALS, ohlcCandles, ohlcWindow } from './coingecko.candles';
import {
  PRICE_CHANGE_WINDOWS,
  PRICE_EXTRAS,
  priced,
  toHistoryPoints,
  toMarketCoin,
  usdQuotesFrom,
} from './coingecko.markets';
import {
  globalSchema,
  marketChartRangeSchema,
  marketsSchema,
  ohlcSchema,
  pingSchema,
  simplePriceSchema,
  topMarketsSchema,
  trendingSchema,
} from './coingecko.schemas';
import {
  COIN_DETAIL_QUERY,
  coinDetailSchema,
  coinListSchema,
  toCoinDetail,
  toDirectoryCoins,
} from './coingecko.directory';
import { coingeckoError } from './coingecko.errors';
import {
  exchangeRatesSchema,
  multiPriceSchema,
  quotesFrom,
  supportedVsSchema,
  usdRatesFrom,
} from './coingecko.currencies';

const ID = 'coingecko';
/** CoinGecko v3: keyless, demo key (public host) or pro key (pro host). */
@Injectable()
export class CoinGeckoAdapter
  implements
    UpstreamAdapter,
    PriceSource,
    MarketSource,
    TrendingSource,
    OhlcvSource,
    HistorySource,
    DirectorySource,
    CoinDetailSource,
    FxSource,
    QuoteSource
{
  readonly id = ID;
  readonly categories = [
    'prices',
    'market',
    'trending',
    'ohlcv',
    'history',
    'directory',
    'coin-detail',
    'fx',
    'quotes',
  ] as const;
  readonly candleIntervals = COINGECKO_CANDLE_INTERVALS;
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
        ...PRICE_EXTRAS,
      },
      simplePriceSchema,
      ctx,
    );
    return usdQuotesFrom(body, coins);
  }

  /** Units per US dollar of every currency CoinGecko rates (BTC-based, crossed through usd). */
  async getUsdRates({ ctx }: { ctx: CallContext }): Promise<FxRate[]> {
    const body = await this.get('/exchange_rates', {}, exchangeRatesSchema, ctx);
    return usdRatesFrom(body, new Date());
  }

  getQuoteCurrencies({ ctx }: { ctx: CallContext }): Promise<string[]> {
    return this.get('/simple/supported_vs_currencies', {}, supportedVsSchema, ctx);
  }

  async getQuotesIn(params: {
    coins: KnownCoin[];
    currencies: string[];
    ctx: CallContext;
  }): Promise<MultiCurrencyQuote[]> {
    const query = {
      ids: params.coins.map((c) => c.coingeckoId).join(','),
      vs_currencies: params.currencies.join(','),
      ...PRICE_EXTRAS,
    };
    const body = await this.get('/simple/price', query, multiPriceSchema, params.ctx);
    return quotesFrom(body, params.coins, params.currencies);
  }

  async getTopCoins({ limit, ctx }: { limit: number; ctx: CallContext }): Promise<MarketCoin[]> {
    const rows = await this.markets({ page: 1, perPage: limit, ctx }, topMarketsSchema);
    return rows.filter(priced).map(toMarketCoin);
  }

  async getMarketPage(params: MarketPageQuery): Promise<MarketCoin[]> {
    const rows = await this.markets(params, marketsSchema);
    return rows.filter(priced).map(toMarketCoin);
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

  /** One page of /coins/markets, by market cap unless asked otherwise. */
  private markets(
    params: { page: number; perPage: number; order?: MarketOrder; ctx: CallContext },
    schema: typeof marketsSchema,
  ): Promise<z.output<typeof marketsSchema>> {
    return this.get(
      '/coins/markets',
      {
        vs_currency: 'usd',
        order: params.order ?? 'market_cap_desc',
        per_page: params.perPage,
        page: params.page,
        price_change_percentage: PRICE_CHANGE_WINDOWS,
      },
      schema,
      params.ctx,
    );
  }

  async getCoinList({ ctx }: { ctx: CallContext }): Promise<DirectoryCoin[]> {
    const rows = await this.get('/coins/list', { include_platform: true }, coinListSchema, ctx);
    return toDirectoryCoins(rows);
  }

  async getCoinDetail({ id, ctx }: { id: string; ctx: CallContext }): Promise<CoinDetail> {
    const path = `/coins/${encodeURIComponent(id)}`;
    return toCoinDetail(await this.get(path, COIN_DETAIL_QUERY, coinDetailSchema, ctx));
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
    const window = ohlcWindow(params.interval, params.limit);
    if (!window) {
      throw this.unsupported(`${params.interval} candles`);
    }
    const rows = await this.get(
      `/coins/${encodeURIComponent(params.coin.coingeckoId)}/ohlc`,
      { vs_currency: 'usd', days: window.days },
      ohlcSchema,
      params.ctx,
    );
    return ohlcCandles(rows, params.limit, window.candleMs);
  }

  /** `market_chart/range` for exactly the range asked (UNIX seconds), with caps and volumes. */
  async getPriceHistory(params: HistoryQuery): Promise<PricePoint[]> {
    const chart = await this.get(
      `/coins/${encodeURIComponent(params.coin.coingeckoId)}/market_chart/range`,
      {
        vs_currency: 'usd',
        from: Math.floor(params.from.getTime() / 1000),
        to: Math.ceil(params.to.getTime() / 1000),
      },
      marketChartRangeSchema,
      params.ctx,
    );
    return toHistoryPoints(chart).filter(
      (p) => p.timestamp >= params.from && p.timestamp <= params.to,
    );
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
    return this.http.getParsed(
      {
        provider: ID,
        baseUrl,
        path,
        query,
        headers,
        signal: ctx.signal,
        refineError: (res) => coingeckoError(path, res),
      },
      schema,
    );
  }

  private unsupported(what: string): ProviderError {
    return new ProviderError({ provider: ID, kind: 'bad_request', message: `${what} not offered` });
  }
}
