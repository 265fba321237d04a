import { Injectable } from '@nestjs/common';
import { CurrenciesService } from '../currencies/currencies.service';
import { BASE_CURRENCY, type Conversion } from '../currencies/currency-table';
import type { MarketResponseDto } from './dto/market.dto';
import type { OverviewInCurrencyDto } from './dto/market-vs.dto';
import type { ConversionDto } from './dto/prices-vs.dto';
import { MarketService } from './market.service';
import { quoteInCurrencies } from './prices-vs';

const IDENTITY: Conversion = { from: BASE_CURRENCY, rate: 1, source: '', asOf: '', stale: false };

/**
 * The market overview in the currencies `vs` names: its USD figures converted at the stored
 * rates (no provider's overview is kept per currency), each conversion in `meta.converted`.
 */
@Injectable()
export class MarketVsService {
  constructor(
    private readonly market: MarketService,
    private readonly currencies: CurrenciesService,
  ) {}

  async overview(vs: readonly string[]): Promise<MarketResponseDto> {
    const codes = [...new Set(vs)];
    await this.currencies.requireSupported(codes);
    const result = await this.market.overview();
    if (codes.every((c) => c === BASE_CURRENCY)) {
      return result;
    }
    const conversionTo = (code: string) => this.currencies.conversionTo(code);
    const top = quoteInCurrencies({
      prices: result.data.top,
      codes,
      direct: { quotes: {}, provider: null, attempted: [] },
      conversionTo,
    });
    const converted: Record<string, ConversionDto> = { ...top.converted };
    const totals: Record<string, OverviewInCurrencyDto> = {};
    for (const code of codes) {
      const conversion = code === BASE_CURRENCY ? IDENTITY : conversionTo(code);
      if (conversion) {
        totals[code] = inCurrency(result.data, conversion, code !== BASE_CURRENCY);
        if (code !== BASE_CURRENCY) {
          converted[code] = { ...conversion };
        }
      }
    }
    return {
      data: {
        ...result.data,
        top: result.data.top.map((coin, i) => ({ ...coin, quotes: top.data[i].quotes })),
        in: totals,
      },
      meta: {
        ...result.meta,
        stale: result.meta.stale || Object.values(converted).some((c) => c.stale),
        converted,
        unavailable: top.unavailable,
      },
    };
  }
}

function inCurrency(
  overview: MarketResponseDto['data'],
  conversion: Conversion,
  converted: boolean,
): OverviewInCurrencyDto {
  const times = (value: number | null) => (value === null ? null : value * conversion.rate);
  return {
    total_market_cap: overview.total_market_cap_usd * conversion.rate,
    total_volume_24h: overview.total_volume_24h_usd * conversion.rate,
    btc_price: times(overview.btc_price),
    eth_price: times(overview.eth_price),
    converted,
  };
}
