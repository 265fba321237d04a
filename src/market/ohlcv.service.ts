import { Injectable, NotFoundException } from '@nestjs/common';
import { type AppConfig, InjectConfig, type KnownCoin } from '../core/config';
import { CANDLE_MS, candleCloseTime } from '../providers/candle-intervals';
import type { Candle, CandleInterval } from '../providers/provider.types';
import { ReadPath, type Sourced, type StoredRows } from '../providers/read-path/read-path.service';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import { CoinCatalogue } from './coins/coin-catalogue';
import type { OhlcvResponseDto } from './dto/ohlcv.dto';
import type { CandleWindow } from './ohlcv-window';
import { OhlcvSources } from './ohlcv-sources';
import { OhlcvStore } from './ohlcv.store';
import { PairDirectory, type ResolvedPair } from './pairs/pair-directory.service';

/** `BTCUSDT`, `BTC-USD`, `btc` → `BTC`: the coin, whatever quote the caller wrote. */
export function baseSymbol(symbol: string): string {
  const upper = symbol.toUpperCase();
  const dashed = /^([A-Z0-9]+)-(USD|USDT|USDC)$/.exec(upper);
  if (dashed) {
    return dashed[1];
  }
  const pair = /^([A-Z0-9]+?)(USDT|USDC|USD)$/.exec(upper);
  return pair && pair[1].length >= 2 ? pair[1] : upper;
}

export interface CandleRequest {
  symbol: string;
  interval: CandleInterval;
  window: CandleWindow;
  source?: string;
}

/** What the candles are of: a coin in USD, or a pair an exchange lists. */
interface Target {
  coin: KnownCoin;
  pair?: ResolvedPair;
  /** The `symbol` stored in the ohlcv table: `BTC` (USD), `ETH-BTC` (a listed pair). */
  key: string;
}

/**
 * Candles: cache, then the sources offering the interval (Binance, Kraken, Coinbase, CoinGecko,
 * CryptoCompare) through the registry; non-USD pairs through each exchange's stored pair list.
 */
@Injectable()
export class OhlcvService {
  constructor(
    private readonly coins: CoinCatalogue,
    private readonly pairs: PairDirectory,
    private readonly sources: OhlcvSources,
    private readonly registry: ProviderRegistry,
    private readonly readPath: ReadPath,
    private readonly store: OhlcvStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async candles(request: CandleRequest): Promise<OhlcvResponseDto> {
    const target = await this.target(request.symbol);
    const { interval, window, source } = request;
    const only = this.sources.eligible({
      interval,
      ranged: window.range !== undefined || target.pair !== undefined,
      pairIds: target.pair?.ids,
      source,
    });
    // A range ending now (since, or from without to) keys by the candle it ends in, not the ms.
    const span = window.range
      ? `${window.range.start.getTime()}-${Math.floor(window.range.end.getTime() / CANDLE_MS[interval])}`
      : 'latest';
    const { value: candles, meta } = await this.readPath.read({
      key: `ohlcv:${target.key}:${interval}:${window.limit}:${span}:${source ?? '*'}`,
      ttlSeconds: this.config.cacheTtlSeconds.ohlcv,
      fetch: () => this.fetch(target, request, only),
      stored: () => this.fromDatabase(target, request),
    });
    const now = Date.now();
    return {
      data: candles.map((c) => ({
        open_time: c.openTime.toISOString(),
        open: c.open,
        high: c.high,
        low: c.low,
        close: c.close,
        volume: c.volume,
        closed: candleCloseTime(c.openTime, interval).getTime() <= now,
      })),
      meta: {
        ...meta,
        symbol: target.pair?.base ?? target.coin.symbol,
        quote: target.pair?.quote ?? null,
        interval,
        count: candles.length,
      },
    };
  }

  /** A coin the catalogue knows (in USD), else a pair some exchange lists. */
  private async target(symbol: string): Promise<Target> {
    const coin = this.coins.find(symbol) ?? this.coins.find(baseSymbol(symbol));
    if (coin) {
      return { coin, key: coin.symbol };
    }
    const pair = await this.pairs.resolve(symbol);
    const base = this.coins.find(pair.base);
    if (!base) {
      throw new NotFoundException(
        `${pair.base}-${pair.quote} is listed, but ${pair.base} is not among the coins the service knows`,
      );
    }
    return { coin: base, pair, key: `${pair.base}-${pair.quote}` };
  }

  /**
   * When every source fails and nothing is cached (after a restart): the stored candles of the
   * window asked for, as of the newest one's close; none stored there means the 503 stands.
   */
  private async fromDatabase(
    target: Target,
    request: CandleRequest,
  ): Promise<StoredRows<Candle[]> | undefined> {
    const { interval, window } = request;
    const since =
      window.range?.start ?? new Date(Date.now() - (window.limit + 1) * CANDLE_MS[interval]);
    const candles = await this.store.latest({
      symbol: target.key,
      interval,
      limit: window.limit,
      since,
      until: window.range?.end,
    });
    const newest = candles.at(-1);
    if (!newest) {
      return undefined;
    }
    return { value: candles, newest: candleCloseTime(newest.openTime, interval) };
  }

  private async fetch(
    target: Target,
    request: CandleRequest,
    only: string[],
  ): Promise<Sourced<Candle[]>> {
    const { interval, window } = request;
    const name = target.pair ? `${target.pair.base}-${target.pair.quote}` : target.coin.symbol;
    const { data, provider, attempted } = await this.registry.execute(
      'ohlcv',
      (api, ctx) =>
        api.getCandles({
          coin: target.coin,
          interval,
          limit: window.limit,
          range: window.range,
          pair: target.pair?.ids,
          ctx,
        }),
      { what: `${name} ${interval} candles`, only },
    );
    const candles: Candle[] = [...data].sort((a, b) => a.openTime.getTime() - b.openTime.getTime());
    await this.store.upsert({ symbol: target.key, interval, candles, provider });
    return { value: candles, provider, attempted };
  }
}
