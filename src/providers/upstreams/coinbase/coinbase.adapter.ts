import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../../core/config';
import { ProviderError, UpstreamHttpService, type UpstreamResponse } from '../../../core/http';
import { latestRange, pagedWindows } from '../../candle-intervals';
import type {
  CallContext,
  Candle,
  CandleInterval,
  CandleQuery,
  ListedPair,
  OhlcvSource,
  PriceQuote,
  PriceSource,
  UpstreamAdapter,
} from '../../provider.types';
import {
  candlesSchema,
  errorSchema,
  GRANULARITY,
  MAX_BUCKETS,
  onlineProducts,
  productsSchema,
  tickerSchema,
  toCandles,
} from './coinbase.candles';

const ID = 'coinbase';

/**
 * Coinbase Exchange public market data (keyless, reachable from US addresses): last prices from
 * each product's ticker and candles by explicit range, paged in 300-bucket windows.
 */
@Injectable()
export class CoinbaseAdapter implements UpstreamAdapter, PriceSource, OhlcvSource {
  readonly id = ID;
  readonly categories = ['prices', 'ohlcv'] as const;
  readonly candleIntervals = Object.keys(GRANULARITY) as CandleInterval[];
  readonly candleRanges = true;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.get('/products/BTC-USD/ticker', {}, tickerSchema, ctx);
  }

  /** One ticker call per coin (Coinbase has no batch ticker); coins it does not list are left out. */
  async getPrices({ coins, ctx }: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]> {
    const listed = coins.filter((c) => !c.sharesTicker);
    const settled = await Promise.allSettled(listed.map((coin) => this.quote(coin, ctx)));
    const failure = settled.find(
      (s): s is PromiseRejectedResult =>
        s.status === 'rejected' &&
        !(s.reason instanceof ProviderError && s.reason.kind === 'not_found'),
    );
    if (failure) {
      throw failure.reason;
    }
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  async getCandles(params: CandleQuery): Promise<Candle[]> {
    const granularity = GRANULARITY[params.interval];
    const product = params.pair ? params.pair[ID] : usdProduct(params.coin);
    if (!granularity || !product) {
      throw notFound(
        product ? `no ${params.interval} candles` : `${params.coin.symbol} not listed`,
      );
    }
    const range = params.range ?? latestRange(params.interval, params.limit);
    const path = `/products/${encodeURIComponent(product)}/candles`;
    return pagedWindows({
      fetchWindow: async (start, end) =>
        toCandles(
          await this.get(
            path,
            { granularity, start: start.toISOString(), end: end.toISOString() },
            candlesSchema,
            params.ctx,
          ),
        ),
      range,
      interval: params.interval,
      limit: params.limit,
      maxBuckets: MAX_BUCKETS,
    });
  }

  async listPairs({ ctx }: { ctx: CallContext }): Promise<ListedPair[]> {
    return onlineProducts(await this.get('/products', {}, productsSchema, ctx));
  }

  private async quote(coin: KnownCoin, ctx: CallContext): Promise<PriceQuote> {
    const path = `/products/${encodeURIComponent(`${coin.symbol}-USD`)}/ticker`;
    const ticker = await this.get(path, {}, tickerSchema, ctx);
    return {
      symbol: coin.symbol,
      name: coin.name,
      price: ticker.price,
      // The ticker has no 24 h change, and its volume is in the coin, not in dollars.
      change24h: null,
      volume24h: null,
      marketCap: null,
      lastUpdated: new Date(ticker.time),
    };
  }

  private async get<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number>,
    schema: S,
    ctx: CallContext,
  ): Promise<z.output<S>> {
    return this.http.getParsed(
      {
        provider: ID,
        baseUrl: this.config.upstreams.coinbase.baseUrl,
        path,
        query,
        signal: ctx.signal,
        refineError: (res) => refineError(path, res),
      },
      schema,
    );
  }
}

function usdProduct(coin: KnownCoin): string | undefined {
  return coin.sharesTicker ? undefined : `${coin.symbol}-USD`;
}

function notFound(message: string): ProviderError {
  return new ProviderError({ provider: ID, kind: 'not_found', message });
}

/** Coinbase's `{"message": …}` on a 400 (bad granularity, too many buckets) says what was wrong. */
function refineError(path: string, response: UpstreamResponse): ProviderError | undefined {
  if (response.status !== 400) {
    return undefined;
  }
  let parsed: { message: string } | undefined;
  try {
    parsed = errorSchema.parse(JSON.parse(response.text));
  } catch {
    return undefined;
  }
  return new ProviderError({
    provider: ID,
    kind: 'bad_request',
    status: 400,
    message: `${path}: ${parsed.message.slice(0, 120)}`,
  });
}
