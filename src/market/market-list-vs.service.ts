import { Injectable } from '@nestjs/common';
import { CurrenciesService } from '../currencies/currencies.service';
import { BASE_CURRENCY } from '../currencies/currency-table';
import type { MarketMetaDto } from './dto/market-vs.dto';
import type { MoversResponseDto } from './dto/movers.dto';
import type { PriceDto } from './dto/prices.dto';
import type { TopCoinsResponseDto } from './dto/top-coins.dto';
import { MoversService } from './movers.service';
import { quoteInCurrencies } from './prices-vs';
import { TopCoinsService } from './top-coins.service';

type TopCoinsParams = Parameters<TopCoinsService['topCoins']>[0];
type MoversParams = Parameters<MoversService['movers']>[0];

/**
 * Top coins and movers in the currencies `vs` names: the USD market list as served, each coin's
 * price, market cap and volume converted at the stored rate into `quotes` (no market list is
 * kept per currency), each conversion in `meta.converted`. Percentage changes, the order and
 * the movers' ranking stay those of the USD list: a rate scales every coin alike.
 */
@Injectable()
export class MarketListVsService {
  constructor(
    private readonly topCoins: TopCoinsService,
    private readonly moversService: MoversService,
    private readonly currencies: CurrenciesService,
  ) {}

  async top(params: TopCoinsParams, vs: readonly string[]): Promise<TopCoinsResponseDto> {
    const codes = await this.supported(vs);
    const result = await this.topCoins.topCoins(params);
    if (codes.every((c) => c === BASE_CURRENCY)) {
      return result;
    }
    const quoted = this.quote(result.data, codes);
    return { data: quoted.rows, meta: { ...result.meta, ...quoted.meta(result.meta.stale) } };
  }

  async movers(params: MoversParams, vs: readonly string[]): Promise<MoversResponseDto> {
    const codes = await this.supported(vs);
    const result = await this.moversService.movers(params);
    if (codes.every((c) => c === BASE_CURRENCY)) {
      return result;
    }
    const { gainers, losers } = result.data;
    const quoted = this.quote([...gainers, ...losers], codes);
    return {
      data: {
        gainers: quoted.rows.slice(0, gainers.length),
        losers: quoted.rows.slice(gainers.length),
      },
      meta: { ...result.meta, ...quoted.meta(result.meta.stale) },
    };
  }

  /** Checked before any upstream is asked: an unknown code is a 400 whatever the market does. */
  private async supported(vs: readonly string[]): Promise<string[]> {
    const codes = [...new Set(vs)];
    await this.currencies.requireSupported(codes);
    return codes;
  }

  private quote<T extends PriceDto>(rows: readonly T[], codes: readonly string[]) {
    const quoted = quoteInCurrencies({
      prices: rows,
      codes,
      direct: { quotes: {}, provider: null, attempted: [] },
      conversionTo: (code) => this.currencies.conversionTo(code),
    });
    const meta = (stale: boolean): Pick<MarketMetaDto, 'stale' | 'converted' | 'unavailable'> => ({
      stale: stale || Object.values(quoted.converted).some((c) => c.stale),
      converted: quoted.converted,
      unavailable: quoted.unavailable,
    });
    return {
      rows: rows.map((row, i) => ({ ...row, quotes: quoted.data[i].quotes })),
      meta,
    };
  }
}
