import { Injectable } from '@nestjs/common';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig, type KnownCoin } from '../core/config';
import type { Candle, CandleInterval } from '../providers/provider.types';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import { CoinCatalogue } from './coins/coin-catalogue';
import type { OhlcvResponseDto } from './dto/ohlcv.dto';
import { OhlcvStore } from './ohlcv.store';
import { responseMeta } from '../core/web/response-meta';

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
    private readonly cache: CacheService,
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
    const result = await this.cache.getOrLoad(
      `ohlcv:${coin.symbol}:${params.interval}:${params.limit}`,
      { ttlSeconds: this.config.cacheTtlSeconds.ohlcv },
      () => this.fetch(coin, params.interval, params.limit),
    );
    const { candles, provider, attempted } = result.value;
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
        ...responseMeta(result, { provider, attempted }),
        symbol: coin.symbol,
        interval: params.interval,
        count: candles.length,
      },
    };
  }

  private async fetch(coin: KnownCoin, interval: CandleInterval, limit: number) {
    const { data, provider, attempted } = await this.registry.execute(
      'ohlcv',
      (api, ctx) => api.getCandles({ coin, interval, limit, ctx }),
      { what: `${coin.symbol} ${interval} candles` },
    );
    const candles: Candle[] = [...data].sort((a, b) => a.openTime.getTime() - b.openTime.getTime());
    await this.store.upsert({ symbol: coin.symbol, interval, candles, provider });
    return { candles, provider, attempted };
  }
}
