import { Injectable, NotFoundException } from '@nestjs/common';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig, type KnownCoin } from '../core/config';
import type { PriceQuote } from '../providers/provider.types';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import { CoinCatalogue } from './coins/coin-catalogue';
import type {
  ConsensusPriceDto,
  ConsensusResponseDto,
  PriceDto,
  PriceResponseDto,
  PricesResponseDto,
} from './dto/prices.dto';
import { median, spreadPct } from './consensus';
import { liveMeta, responseMeta } from '../core/web/response-meta';
import { PriceStore } from './price.store';
import { ReadPath, type Sourced, type StoredRows } from '../providers/read-path/read-path.service';

interface Quotes {
  quotes: PriceQuote[];
  /** Set when served from the database: who gave each stored quote. */
  storedFrom?: Record<string, string>;
}

/** How far back a stored quote may stand in when every provider fails. */
const STORED_QUOTE_MAX_AGE_MS = 24 * 3_600_000;

/** Live prices: cache first, then the registry's providers in pool order. */
@Injectable()
export class PricesService {
  constructor(
    private readonly coins: CoinCatalogue,
    private readonly registry: ProviderRegistry,
    private readonly cache: CacheService,
    private readonly readPath: ReadPath,
    private readonly store: PriceStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async prices(symbols: readonly string[]): Promise<PricesResponseDto> {
    const { known, unknown } = this.coins.resolve(symbols);
    if (known.length === 0) {
      return {
        data: [],
        meta: {
          ...liveMeta({ provider: 'none', attempted: [] }),
          unknown,
          missing: [],
        },
      };
    }
    const { value, provider, meta } = await this.readPath.read({
      key: `prices:usd:${known.map((c) => c.symbol).join(',')}`,
      ttlSeconds: this.config.cacheTtlSeconds.prices,
      fetch: () => this.fetch(known),
      stored: () => this.fromDatabase(known),
    });
    const { quotes, storedFrom } = value;
    const served = new Set(quotes.map((q) => q.symbol));
    return {
      data: quotes.map((q) => toPriceDto(q, storedFrom?.[q.symbol] ?? provider)),
      meta: {
        ...meta,
        unknown,
        missing: known.filter((c) => !served.has(c.symbol)).map((c) => c.symbol),
      },
    };
  }

  async price(symbol: string): Promise<PriceResponseDto> {
    const coin = this.coins.require(symbol);
    const { data, meta } = await this.prices([symbol]);
    if (data.length === 0) {
      throw new NotFoundException(`No provider has a price for ${coin.symbol} right now`);
    }
    const { unknown, missing, ...rest } = meta;
    return { data: data[0], meta: rest };
  }

  /** The median of every available provider's latest quote, with each source and the spread. */
  async consensus(symbols: readonly string[]): Promise<ConsensusResponseDto> {
    const { known, unknown } = this.coins.resolve(symbols);
    const result = await this.cache.getOrLoad(
      `consensus:usd:${known.map((c) => c.symbol).join(',')}`,
      { ttlSeconds: this.config.cacheTtlSeconds.prices },
      () =>
        known.length === 0
          ? Promise.resolve({ results: [], attempted: [] })
          : this.registry.gather('prices', (api, ctx) => api.getPrices({ coins: known, ctx })),
    );
    const data = known.flatMap((coin): ConsensusPriceDto[] => {
      const sources = result.value.results.flatMap(({ provider, data: quotes }) =>
        quotes.filter((q) => q.symbol === coin.symbol).map((q) => ({ provider, price: q.price })),
      );
      const prices = sources.map((s) => s.price);
      return sources.length === 0
        ? []
        : [
            {
              symbol: coin.symbol,
              name: coin.name,
              price: median(prices),
              spread_pct: Math.round(spreadPct(prices) * 10_000) / 10_000,
              sources,
            },
          ];
    });
    return {
      data,
      meta: {
        ...responseMeta(result, { provider: 'consensus', attempted: result.value.attempted }),
        unknown,
      },
    };
  }

  /** The newest stored quote of each coin, when every provider failed and nothing is cached. */
  private async fromDatabase(coins: KnownCoin[]): Promise<StoredRows<Quotes> | undefined> {
    const since = new Date(Date.now() - STORED_QUOTE_MAX_AGE_MS);
    const stored = await this.store.latest(
      coins.map((c) => c.symbol),
      since,
    );
    if (stored.length === 0) {
      return undefined;
    }
    const names = new Map(coins.map((c) => [c.symbol, c.name]));
    return {
      value: {
        quotes: stored.map((s) => ({
          ...s.quote,
          name: names.get(s.quote.symbol) ?? s.quote.name,
        })),
        storedFrom: Object.fromEntries(stored.map((s) => [s.quote.symbol, s.provider])),
      },
      newest: new Date(Math.max(...stored.map((s) => s.quote.lastUpdated.getTime()))),
    };
  }

  private async fetch(coins: KnownCoin[]): Promise<Sourced<Quotes>> {
    const { data, provider, attempted } = await this.registry.execute(
      'prices',
      (api, ctx) => api.getPrices({ coins, ctx }),
      { what: `prices for ${coins.map((c) => c.symbol).join(',')}` },
    );
    await this.store.save(data, provider);
    return { value: { quotes: data }, provider, attempted };
  }
}

/** A quote as the API shows it. */
export function toPriceDto(quote: PriceQuote, provider: string): PriceDto {
  return {
    symbol: quote.symbol,
    name: quote.name,
    price: quote.price,
    change_24h: quote.change24h,
    volume_24h: quote.volume24h,
    market_cap: quote.marketCap,
    last_updated: quote.lastUpdated.toISOString(),
    last_updated_source: quote.timeUnknown ? 'received' : 'provider',
    provider,
  };
}
