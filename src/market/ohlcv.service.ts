import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig, type KnownCoin } from '../core/config';
import type { Candle, CandleInterval } from '../providers/provider.types';
import { ReadPath, type Sourced, type StoredRows } from '../providers/read-path/read-path.service';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import { CoinCatalogue } from './coins/coin-catalogue';
import { CANDLE_MS, type OhlcvResponseDto } from './dto/ohlcv.dto';
import { OhlcvStore } from './ohlcv.store';

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

/** Candles: cache, then Binance, Kraken, CoinGecko and CryptoCompare through the registry. */
@Injectable()
export class OhlcvService {
  constructor(
    private readonly coins: CoinCatalogue,
    private readonly registry: ProviderRegistry,
    private readonly readPath: ReadPath,
    private readonly store: OhlcvStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async candles(params: {
    symbol: string;
    interval: CandleInterval;
    limit: number;
  }): Promise<OhlcvResponseDto> {
    const coin = this.coins.find(params.symbol) ?? this.coins.find(baseSymbol(params.symbol));
    if (!coin) {
      throw this.coins.unknown(params.symbol);
    }
    const { value: candles, meta } = await this.readPath.read({
      key: `ohlcv:${coin.symbol}:${params.interval}:${params.limit}`,
      ttlSeconds: this.config.cacheTtlSeconds.ohlcv,
      fetch: () => this.fetch(coin, params.interval, params.limit),
      stored: () => this.fromDatabase({ coin, ...params }),
    });
    return {
      data: candles.map((c) => ({
        open_time: c.openTime.toISOString(),
        open: c.open,
        high: c.high,
        low: c.low,
        close: c.close,
        volume: c.volume,
      })),
      meta: {
        ...meta,
        symbol: coin.symbol,
        interval: params.interval,
        count: candles.length,
      },
    };
  }

  /**
   * When every source fails and nothing is cached (after a restart): the stored candles of the
   * window asked for, as of the newest one's close; none stored there means the 503 stands.
   */
  private async fromDatabase(params: {
    coin: KnownCoin;
    interval: CandleInterval;
    limit: number;
  }): Promise<StoredRows<Candle[]> | undefined> {
    const candleMs = CANDLE_MS[params.interval];
    const candles = await this.store.latest({
      symbol: params.coin.symbol,
      interval: params.interval,
      limit: params.limit,
      since: new Date(Date.now() - (params.limit + 1) * candleMs),
    });
    const newest = candles.at(-1);
    if (!newest) {
      return undefined;
    }
    return { value: candles, newest: new Date(newest.openTime.getTime() + candleMs) };
  }

  private async fetch(
    coin: KnownCoin,
    interval: CandleInterval,
    limit: number,
  ): Promise<Sourced<Candle[]>> {
    const { data, provider, attempted } = await this.registry.execute(
      'ohlcv',
      (api, ctx) => api.getCandles({ coin, interval, limit, ctx }),
      { what: `${coin.symbol} ${interval} candles` },
    );
    const candles: Candle[] = [...data].sort((a, b) => a.openTime.getTime() - b.openTime.getTime());
    await this.store.upsert({ symbol: coin.symbol, interval, candles, provider });
    return { value: candles, provider, attempted };
  }
}
