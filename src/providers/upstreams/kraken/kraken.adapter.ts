import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../../core/config';
import { ProviderError, type ProviderErrorKind, UpstreamHttpService } from '../../../core/http';
import type {
  CallContext,
  Candle,
  CandleQuery,
  CandleInterval,
  ListedPair,
  OhlcvSource,
  PriceQuote,
  PriceSource,
  UpstreamAdapter,
} from '../../provider.types';
import { decimalString, finite, fromSeconds } from '../payload-fields';
import { withinRange } from '../../candle-intervals';
import { KRAKEN_PAIRS, krakenAsset } from './kraken.coins';

const ID = 'kraken';
const INTERVAL_MINUTES: Partial<Record<CandleInterval, number>> = {
  '1m': 1,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '1h': 60,
  '4h': 240,
  '1d': 1440,
  '1w': 10080,
};
/** Kraken serves only its latest 720 candles, whatever `since` asks. */
const OHLC_WINDOW = 720;
const RATE_LIMIT_BACKOFF_MS = 10_000;

/** Kraken always answers 200 with `{error: [...], result}`; errors live in the array. */
const envelope = <S extends z.ZodType>(result: S) =>
  z.object({ error: z.array(z.string()), result: result.optional() });
const tickerResult = z.record(
  z.string(),
  z.object({
    c: z.tuple([decimalString, decimalString]),
    v: z.tuple([decimalString, decimalString]),
    p: z.tuple([decimalString, decimalString]),
  }),
);
const ohlcRow = z.tuple([
  finite,
  decimalString,
  decimalString,
  decimalString,
  decimalString,
  decimalString,
  decimalString,
  finite,
]);
const ohlcResult = z.record(z.string(), z.union([z.array(ohlcRow), finite]));
const assetPairsResult = z.record(
  z.string(),
  z.object({
    altname: z.string(),
    wsname: z.string().optional(),
    base: z.string(),
    quote: z.string(),
  }),
);

/** Kraken public spot data; pairs use Kraken's names (XBTUSD asked, XXBTZUSD answered). */
@Injectable()
export class KrakenAdapter implements UpstreamAdapter, PriceSource, OhlcvSource {
  readonly id = ID;
  readonly categories = ['prices', 'ohlcv'] as const;
  readonly candleIntervals = Object.keys(INTERVAL_MINUTES) as CandleInterval[];
  readonly candleRanges = true;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.get('/0/public/Ticker', { pair: 'XBTUSD' }, tickerResult, ctx);
  }

  async getPrices({ coins, ctx }: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]> {
    const listed = coins.filter((c) => KRAKEN_PAIRS[c.coingeckoId]);
    if (listed.length === 0) {
      throw new ProviderError({
        provider: ID,
        kind: 'not_found',
        message: 'no Kraken pairs asked',
      });
    }
    const pairs = listed.map((c) => KRAKEN_PAIRS[c.coingeckoId]?.pair).join(',');
    const result = await this.get('/0/public/Ticker', { pair: pairs }, tickerResult, ctx);
    const now = new Date();
    return listed.flatMap((coin) => {
      const pair = KRAKEN_PAIRS[coin.coingeckoId];
      const ticker = pair ? result[pair.key] : undefined;
      return ticker
        ? [
            {
              symbol: coin.symbol,
              name: coin.name,
              price: ticker.c[0],
              // Kraken's "today" opens at 00:00 UTC, which is not a 24 h change: say nothing.
              change24h: null,
              volume24h: ticker.v[1] * ticker.p[1],
              marketCap: null,
              // Kraken's ticker carries no time.
              lastUpdated: now,
              timeUnknown: true,
            },
          ]
        : [];
    });
  }

  async getCandles(params: CandleQuery): Promise<Candle[]> {
    const minutes = INTERVAL_MINUTES[params.interval];
    const pair = params.pair ? params.pair[ID] : KRAKEN_PAIRS[params.coin.coingeckoId]?.pair;
    if (!pair || !minutes) {
      throw notFound(pair ? `no ${params.interval} candles` : `${params.coin.symbol} not listed`);
    }
    const { range } = params;
    if (range && range.start.getTime() < Date.now() - OHLC_WINDOW * minutes * 60_000) {
      throw notFound(`only the latest ${OHLC_WINDOW} candles are served`);
    }
    const query: Record<string, number> = range
      ? { since: Math.floor(range.start.getTime() / 1000) - 1 }
      : {};
    const result = await this.get(
      '/0/public/OHLC',
      { pair, interval: minutes, ...query },
      ohlcResult,
      params.ctx,
    );
    const rows = Object.entries(result).find(
      ([key, value]) => key !== 'last' && Array.isArray(value),
    )?.[1];
    if (!Array.isArray(rows)) {
      throw new ProviderError({
        provider: ID,
        kind: 'bad_payload',
        message: '/0/public/OHLC: no candles',
      });
    }
    const candles = rows.map(([time, open, high, low, close, , volume]) => ({
      openTime: fromSeconds(time),
      open,
      high,
      low,
      close,
      volume,
    }));
    return range ? withinRange(candles, range, params.limit) : candles.slice(-params.limit);
  }

  /** Every pair, with Kraken's asset codes translated (XXBT → BTC, ZEUR → EUR). */
  async listPairs({ ctx }: { ctx: CallContext }): Promise<ListedPair[]> {
    const result = await this.get('/0/public/AssetPairs', {}, assetPairsResult, ctx);
    return Object.values(result).map((p) => {
      const ws = p.wsname?.split('/');
      return ws?.length === 2
        ? { symbol: p.altname, base: krakenAsset(ws[0], false), quote: krakenAsset(ws[1], false) }
        : { symbol: p.altname, base: krakenAsset(p.base, true), quote: krakenAsset(p.quote, true) };
    });
  }

  private async get<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number>,
    result: S,
    ctx: CallContext,
  ): Promise<z.output<S>> {
    const body = await this.http.getParsed(
      {
        provider: ID,
        baseUrl: this.config.upstreams.kraken.baseUrl,
        path,
        query,
        signal: ctx.signal,
      },
      envelope(result),
    );
    if (body.error.length > 0) {
      throw krakenError(path, body.error);
    }
    if (body.result === undefined) {
      throw new ProviderError({ provider: ID, kind: 'bad_payload', message: `${path}: no result` });
    }
    return body.result;
  }
}

function notFound(message: string): ProviderError {
  return new ProviderError({ provider: ID, kind: 'not_found', message });
}

function krakenError(path: string, errors: string[]): ProviderError {
  const text = errors.join('; ');
  const kind: ProviderErrorKind = /Unknown asset pair/i.test(text)
    ? 'not_found'
    : /Too many requests|Rate limit/i.test(text)
      ? 'rate_limited'
      : /EService:(Unavailable|Busy)/i.test(text)
        ? 'upstream_5xx'
        : 'bad_request';
  return new ProviderError({
    provider: ID,
    kind,
    retryAfterMs: kind === 'rate_limited' ? RATE_LIMIT_BACKOFF_MS : undefined,
    message: `${path}: ${text.slice(0, 120)}`,
  });
}
