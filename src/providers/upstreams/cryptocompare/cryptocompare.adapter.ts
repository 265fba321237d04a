import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../../core/config';
import { parsePayload, ProviderError, UpstreamHttpService } from '../../../core/http';
import type {
  CallContext,
  Candle,
  CandleQuery,
  CandleInterval,
  OhlcvSource,
  PriceQuote,
  PriceSource,
  UpstreamAdapter,
} from '../../provider.types';
import { finite, fromSeconds } from '../payload-fields';

const ID = 'cryptocompare';
const MINUTES = '/data/v2/histominute';
const HOURS = '/data/v2/histohour';
const DAYS = '/data/v2/histoday';
/** Each interval as CryptoCompare's minute, hour or day series aggregated by a factor. */
const HISTORY: Partial<Record<CandleInterval, { path: string; aggregate: number }>> = {
  '1m': { path: MINUTES, aggregate: 1 },
  '3m': { path: MINUTES, aggregate: 3 },
  '5m': { path: MINUTES, aggregate: 5 },
  '15m': { path: MINUTES, aggregate: 15 },
  '30m': { path: MINUTES, aggregate: 30 },
  '1h': { path: HOURS, aggregate: 1 },
  '2h': { path: HOURS, aggregate: 2 },
  '4h': { path: HOURS, aggregate: 4 },
  '6h': { path: HOURS, aggregate: 6 },
  '8h': { path: HOURS, aggregate: 8 },
  '12h': { path: HOURS, aggregate: 12 },
  '1d': { path: DAYS, aggregate: 1 },
  '3d': { path: DAYS, aggregate: 3 },
  '1w': { path: DAYS, aggregate: 7 },
};

/** The legacy error envelope, still served with HTTP 200. */
const errorEnvelope = z.object({
  Response: z.literal('Error'),
  Message: z.string(),
  Type: z.number().optional(),
});
const priceMultiSchema = z.record(z.string(), z.object({ USD: finite }));
const histoSchema = z.object({
  Response: z.literal('Success'),
  Data: z.object({
    Data: z.array(
      z.object({
        time: finite,
        open: finite,
        high: finite,
        low: finite,
        close: finite,
        volumefrom: finite,
      }),
    ),
  }),
});

/** CryptoCompare / CoinDesk Data min-api; only with a key since the free tier was retired. */
@Injectable()
export class CryptoCompareAdapter implements UpstreamAdapter, PriceSource, OhlcvSource {
  readonly id = ID;
  readonly categories = ['prices', 'ohlcv'] as const;
  readonly candleIntervals = Object.keys(HISTORY) as CandleInterval[];
  /** Only the latest candles: `toTs` paging is not implemented for this keyed source. */
  readonly candleRanges = false;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get unavailableReason(): string | undefined {
    return this.config.upstreams.cryptocompare.apiKey
      ? undefined
      : 'needs key (CRYPTOCOMPARE_API_KEY)';
  }

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.get('/data/pricemulti', { fsyms: 'BTC', tsyms: 'USD' }, priceMultiSchema, ctx);
  }

  async getPrices(params: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]> {
    const coins = params.coins.filter((c) => !c.sharesTicker);
    if (coins.length === 0) {
      throw new ProviderError({
        provider: ID,
        kind: 'not_found',
        message: 'tickers are ambiguous',
      });
    }
    const body = await this.get(
      '/data/pricemulti',
      { fsyms: coins.map((c) => c.symbol).join(','), tsyms: 'USD' },
      priceMultiSchema,
      params.ctx,
    );
    const now = new Date();
    return coins.flatMap((coin) => {
      const quote = body[coin.symbol];
      return quote
        ? [
            {
              symbol: coin.symbol,
              name: coin.name,
              price: quote.USD,
              change24h: null,
              volume24h: null,
              marketCap: null,
              // /pricemulti carries no time.
              lastUpdated: now,
              timeUnknown: true,
            },
          ]
        : [];
    });
  }

  async getCandles(params: CandleQuery): Promise<Candle[]> {
    if (params.coin.sharesTicker) {
      throw new ProviderError({ provider: ID, kind: 'not_found', message: 'ticker is ambiguous' });
    }
    const history = HISTORY[params.interval];
    if (!history) {
      throw new ProviderError({ provider: ID, kind: 'not_found', message: 'interval not offered' });
    }
    const { path, aggregate } = history;
    const body = await this.get(
      path,
      { fsym: params.coin.symbol, tsym: 'USD', limit: params.limit - 1, aggregate },
      histoSchema,
      params.ctx,
    );
    return body.Data.Data.slice(-params.limit).map((row) => ({
      openTime: fromSeconds(row.time),
      open: row.open,
      high: row.high,
      low: row.low,
      close: row.close,
      volume: row.volumefrom,
    }));
  }

  private async get<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number>,
    schema: S,
    ctx: CallContext,
  ): Promise<z.output<S>> {
    const { baseUrl, apiKey } = this.config.upstreams.cryptocompare;
    const response = await this.http.get({
      provider: ID,
      baseUrl,
      path,
      query,
      headers: { authorization: `Apikey ${apiKey ?? ''}` },
      signal: ctx.signal,
    });
    const legacy = errorEnvelope.safeParse(safeJson(response.text));
    if (legacy.success) {
      const limited = legacy.data.Type === 99 || /rate limit/i.test(legacy.data.Message);
      throw new ProviderError({
        provider: ID,
        kind: limited
          ? 'rate_limited'
          : /api key/i.test(legacy.data.Message)
            ? 'auth'
            : 'bad_request',
        retryAfterMs: limited ? 60_000 : undefined,
        message: `${path}: ${legacy.data.Message.slice(0, 120)}`,
      });
    }
    return parsePayload({ provider: ID, path, text: response.text }, schema);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
