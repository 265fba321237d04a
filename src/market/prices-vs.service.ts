import { Injectable, NotFoundException } from '@nestjs/common';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig, type KnownCoin } from '../core/config';
import { CurrenciesService } from '../currencies/currencies.service';
import { BASE_CURRENCY } from '../currencies/currency-table';
import {
  AllProvidersFailedError,
  NotFoundAtProvidersError,
  type ProviderAttempt,
} from '../providers/registry/provider-attempt';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import { CoinCatalogue } from './coins/coin-catalogue';
import type { PriceResponseDto, PricesResponseDto } from './dto/prices.dto';
import { type DirectQuotes, quoteInCurrencies } from './prices-vs';
import { PricesService } from './prices.service';

/**
 * Prices in the currencies `vs` names: quoted directly where a `quotes` provider has the pair,
 * else the USD price converted at the stored rate and said so in `meta.converted`; a currency
 * with neither is listed in `meta.unavailable` (a 503 when no currency asked for can be served).
 */
@Injectable()
export class PricesVsService {
  constructor(
    private readonly coins: CoinCatalogue,
    private readonly prices: PricesService,
    private readonly currencies: CurrenciesService,
    private readonly registry: ProviderRegistry,
    private readonly cache: CacheService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async list(symbols: readonly string[], vs: readonly string[]): Promise<PricesResponseDto> {
    const codes = [...new Set(vs)];
    await this.currencies.requireSupported(codes);
    const usd = await this.prices.prices(symbols);
    if (codes.every((c) => c === BASE_CURRENCY)) {
      return usd;
    }
    const { known } = this.coins.resolve(symbols);
    const served = new Set(usd.data.map((d) => d.symbol));
    const direct = await this.direct(
      known.filter((c) => served.has(c.symbol)),
      codes.filter((c) => this.currencies.entry(c)?.quotedBy),
    );
    const quoted = quoteInCurrencies({
      prices: usd.data,
      codes,
      direct,
      conversionTo: (code) => this.currencies.conversionTo(code),
    });
    return {
      data: quoted.data,
      meta: {
        ...usd.meta,
        stale: usd.meta.stale || Object.values(quoted.converted).some((c) => c.stale),
        converted: quoted.converted,
        unavailable: quoted.unavailable,
        quotes_provider: direct.provider,
        quotes_attempted: direct.attempted,
      },
    };
  }

  async one(symbol: string, vs: readonly string[]): Promise<PriceResponseDto> {
    const coin = this.coins.require(symbol);
    const { data, meta } = await this.list([symbol], vs);
    if (data.length === 0) {
      throw new NotFoundException(`No provider has a price for ${coin.symbol} right now`);
    }
    const { unknown, missing, ...rest } = meta;
    return { data: data[0], meta: rest };
  }

  /** Direct quotes in the currencies a provider lists, cached like USD prices; none on failure. */
  private async direct(coins: KnownCoin[], codes: string[]): Promise<DirectQuotes> {
    if (coins.length === 0 || codes.length === 0) {
      return { quotes: {}, provider: null, attempted: [] };
    }
    try {
      const { value } = await this.cache.getOrLoad(
        `prices:vs:${codes.join(',')}:${coins.map((c) => c.symbol).join(',')}`,
        { ttlSeconds: this.config.cacheTtlSeconds.prices },
        async (): Promise<DirectQuotes> => {
          const { data, provider, attempted } = await this.registry.execute(
            'quotes',
            (api, ctx) => api.getQuotesIn({ coins, currencies: codes, ctx }),
            { what: `prices in ${codes.join(',')}` },
          );
          return {
            quotes: Object.fromEntries(data.map((q) => [q.symbol, q.quotes])),
            provider,
            attempted,
          };
        },
      );
      return value;
    } catch (error) {
      return { quotes: {}, provider: null, attempted: failedAttempts(error) };
    }
  }
}

/** The providers that failed, when the registry says so; anything else is a bug and rethrown. */
function failedAttempts(error: unknown): ProviderAttempt[] {
  if (error instanceof AllProvidersFailedError || error instanceof NotFoundAtProvidersError) {
    return error.attempted;
  }
  throw error;
}
