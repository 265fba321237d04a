import { Injectable, Logger } from '@nestjs/common';
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
  CandleQuery,
  CandleInterval,
  HistoryQuery,
  ListedPair,
  HistorySource,
  OhlcvSource,
  PricePoint,
  PriceQuote,
  PriceSource,
  UpstreamAdapter,
} from '../../provider.types';
import { decimalString, finite } from '../payload-fields';
import { historyInterval, klinesToHistory, leadOf } from './binance.history';
import {
  BINANCE_INTERVALS,
  exchangeInfoSchema,
  klinesSchema,
  MAX_KLINES,
  pagedKlines,
  toCandles,
  tradingPairs,
} from './binance.candles';

const ID = 'binance';
const QUOTE = 'USDT';
/** A 451 is about where we are, not about the moment: try that host again after six hours. */
const GEO_BLOCK_RECHECK_MS = 6 * 3_600_000;
const WEIGHT_LIMIT_PER_MINUTE = 6000;
const WEIGHT_SAFETY = 0.9;

const tickerSchema = z.array(
  z.object({
    symbol: z.string(),
    lastPrice: decimalString,
    priceChangePercent: decimalString,
    quoteVolume: decimalString,
    closeTime: finite,
  }),
);
const pingSchema = z.object({});
const errorBodySchema = z.object({ code: z.number(), msg: z.string() });

export interface BinanceHostState {
  baseUrl: string;
  /** Set after a 451: the host refuses this location until then. */
  blockedUntil?: number;
  /** Set after a 429/418: Retry-After says to stay away until then. */
  coolingUntil?: number;
  /** Last `x-mbx-used-weight-1m` reading and when it was taken. */
  usedWeight?: { value: number; minute: number };
}

/**
 * Binance spot market data over BINANCE_BASE_URLS, tried in order. A 451 (restricted location)
 * skips that host for hours; 429/418 with Retry-After skip it until then; the weight header keeps
 * us under the per-minute budget.
 */
@Injectable()
export class BinanceAdapter implements UpstreamAdapter, PriceSource, OhlcvSource, HistorySource {
  readonly id = ID;
  readonly categories = ['prices', 'ohlcv', 'history'] as const;
  readonly candleIntervals = BINANCE_INTERVALS;
  readonly candleRanges = true;
  private readonly logger = new Logger(BinanceAdapter.name);
  private readonly hosts: BinanceHostState[];

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() config: AppConfig,
  ) {
    this.hosts = config.upstreams.binance.baseUrls.map((baseUrl) => ({ baseUrl }));
  }

  /** Host states for diagnostics. */
  hostStates(): readonly BinanceHostState[] {
    return this.hosts;
  }

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.get('/api/v3/ping', {}, pingSchema, ctx);
  }

  async getPrices({ coins, ctx }: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]> {
    const tradable = coins.filter((c) => c.binancePair && !c.sharesTicker);
    if (tradable.length === 0) {
      throw new ProviderError({ provider: ID, kind: 'not_found', message: 'no USDT pairs asked' });
    }
    const symbols = JSON.stringify(tradable.map((c) => c.binancePair));
    const rows = await this.get('/api/v3/ticker/24hr', { symbols }, tickerSchema, ctx);
    const bySymbol = new Map(rows.map((r) => [r.symbol, r]));
    return tradable.flatMap((coin) => {
      const row = coin.binancePair ? bySymbol.get(coin.binancePair) : undefined;
      return row
        ? [
            {
              symbol: coin.symbol,
              name: coin.name,
              price: row.lastPrice,
              change24h: row.priceChangePercent,
              volume24h: row.quoteVolume,
              marketCap: null,
              lastUpdated: new Date(row.closeTime),
            },
          ]
        : [];
    });
  }

  async getCandles(params: CandleQuery): Promise<Candle[]> {
    const symbol = this.symbolFor(params);
    const { interval, range, limit, ctx } = params;
    const page = async (query: Record<string, number>) =>
      toCandles(
        await this.get('/api/v3/klines', { symbol, interval, ...query }, klinesSchema, ctx),
      );
    if (!range) {
      return page({ limit });
    }
    const endTime = range.end.getTime();
    return pagedKlines(
      (startTime, n) => page({ startTime, endTime, limit: n }),
      range,
      interval,
      limit,
    );
  }

  async listPairs({ ctx }: { ctx: CallContext }): Promise<ListedPair[]> {
    const info = await this.get(
      '/api/v3/exchangeInfo',
      { showPermissionSets: 'false' },
      exchangeInfoSchema,
      ctx,
    );
    return tradingPairs(info);
  }

  /** Klines of the range, with the 24 h before it so that each point's 24 h volume is whole. */
  async getPriceHistory(params: HistoryQuery): Promise<PricePoint[]> {
    const interval = historyInterval(params.to.getTime() - params.from.getTime());
    const rows = await this.klines(
      params.coin,
      interval,
      {
        startTime: params.from.getTime() - leadOf(interval),
        endTime: params.to.getTime(),
        limit: MAX_KLINES,
      },
      params.ctx,
    );
    return klinesToHistory(
      rows.map((row) => ({ openTime: row[0], close: row[4], quoteVolume: row[7] })),
      interval,
      params.from,
    );
  }

  private klines(
    coin: KnownCoin,
    interval: CandleInterval,
    range: { limit: number; startTime?: number; endTime?: number },
    ctx: CallContext,
  ) {
    return this.get(
      '/api/v3/klines',
      { symbol: this.symbolFor({ coin }), interval, ...range },
      klinesSchema,
      ctx,
    );
  }

  /** The listed pair's symbol when one is asked, else the coin's USDT pair. */
  private symbolFor(params: Pick<CandleQuery, 'coin' | 'pair'>): string {
    const symbol = params.pair
      ? params.pair[ID]
      : params.coin.sharesTicker
        ? undefined
        : params.coin.binancePair;
    if (!symbol) {
      throw new ProviderError({
        provider: ID,
        kind: 'not_found',
        message: params.pair ? 'pair not listed' : `${params.coin.symbol} has no ${QUOTE} pair`,
      });
    }
    return symbol;
  }

  private async get<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number>,
    schema: S,
    ctx: CallContext,
  ): Promise<z.output<S>> {
    let lastError: ProviderError | undefined;
    for (const host of this.hosts) {
      if (!this.usable(host)) {
        continue;
      }
      try {
        const response = await this.http.get({
          provider: ID,
          baseUrl: host.baseUrl,
          path,
          query,
          signal: ctx.signal,
          refineError: (res) => refineError(path, res),
        });
        this.readWeight(host, response);
        return parsePayload({ provider: ID, path, text: response.text }, schema);
      } catch (error) {
        if (!(error instanceof ProviderError) || !this.movesToNextHost(host, error)) {
          throw error;
        }
        lastError = error;
      }
    }
    throw lastError ?? this.allHostsUnavailable();
  }

  private usable(host: BinanceHostState, now = Date.now()): boolean {
    const weightFull =
      host.usedWeight?.minute === Math.floor(now / 60_000) &&
      host.usedWeight.value >= WEIGHT_LIMIT_PER_MINUTE * WEIGHT_SAFETY;
    return (host.blockedUntil ?? 0) <= now && (host.coolingUntil ?? 0) <= now && !weightFull;
  }

  /** Remembers why a host failed; true when the next host should be tried. */
  private movesToNextHost(host: BinanceHostState, error: ProviderError): boolean {
    if (error.kind === 'geo_blocked') {
      host.blockedUntil = Date.now() + GEO_BLOCK_RECHECK_MS;
      this.logger.warn(`${host.baseUrl} refuses this location (451); using the next host`);
      return true;
    }
    if (error.kind === 'rate_limited') {
      host.coolingUntil = Date.now() + (error.retryAfterMs ?? 60_000);
      return true;
    }
    return error.kind === 'network' || error.kind === 'upstream_5xx';
  }

  private readWeight(host: BinanceHostState, response: UpstreamResponse): void {
    const header =
      response.headers['x-mbx-used-weight-1m'] ?? response.headers['x-mbx-used-weight'];
    if (header && /^\d+$/.test(header)) {
      host.usedWeight = { value: Number(header), minute: Math.floor(Date.now() / 60_000) };
    }
  }

  private allHostsUnavailable(): ProviderError {
    const now = Date.now();
    const waits = this.hosts
      .map((h) => Math.max(h.blockedUntil ?? 0, h.coolingUntil ?? 0) - now)
      .filter((ms) => ms > 0);
    const blocked = this.hosts.every((h) => (h.blockedUntil ?? 0) > now);
    return new ProviderError({
      provider: ID,
      kind: blocked ? 'geo_blocked' : 'rate_limited',
      retryAfterMs: waits.length > 0 ? Math.min(...waits) : 60_000,
      message: blocked
        ? 'every Binance host refuses this location (451)'
        : 'every Binance host is cooling down after 429/418 or out of request weight',
    });
  }
}

/** Binance's `{code, msg}`: -1121 is an unknown symbol, -1120 a bad interval. */
function refineError(path: string, response: UpstreamResponse): ProviderError | undefined {
  if (response.status !== 400) {
    return undefined;
  }
  let body: { code: number; msg: string } | undefined;
  try {
    body = errorBodySchema.parse(JSON.parse(response.text));
  } catch {
    return undefined;
  }
  return new ProviderError({
    provider: ID,
    kind: body.code === -1121 ? 'not_found' : 'bad_request',
    status: 400,
    message: `${path}: ${body.code === -1121 ? 'unknown symbol' : 'rejected'} (code ${body.code})`,
  });
}
