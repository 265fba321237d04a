import { Injectable } from '@nestjs/common';
import type { MarketCoin } from '../providers/provider.types';
import type { MoverDto, MoversResponseDto } from './dto/movers.dto';
import type { ChangeWindow } from './dto/top-coins.dto';
import { changeOver, TopCoinsService, toTopCoinDto } from './top-coins.service';

/**
 * Top gainers and losers among the largest coins: the market list by market cap as served (or
 * stored), each coin's change over the window exactly as its provider gave it.
 */
@Injectable()
export class MoversService {
  constructor(private readonly topCoins: TopCoinsService) {}

  async movers(params: {
    window: ChangeWindow;
    top: number;
    minVolume: number;
    limit: number;
  }): Promise<MoversResponseDto> {
    const { value, meta } = await this.topCoins.list({
      page: 1,
      perPage: params.top,
      order: 'market_cap_desc',
    });
    const eligible = value.coins.flatMap((coin) => {
      const change = changeOver(coin, params.window);
      return change !== null && meetsVolume(coin, params.minVolume) ? [{ coin, change }] : [];
    });
    const mover = ({ coin, change }: { coin: MarketCoin; change: number }): MoverDto => ({
      ...toTopCoinDto(coin, value.provider),
      change_pct: change,
    });
    const byChange = [...eligible].sort((a, b) => b.change - a.change);
    return {
      data: {
        gainers: byChange
          .filter((m) => m.change > 0)
          .slice(0, params.limit)
          .map(mover),
        losers: byChange
          .filter((m) => m.change < 0)
          .reverse()
          .slice(0, params.limit)
          .map(mover),
      },
      meta: {
        ...meta,
        window: params.window,
        top: params.top,
        min_volume: params.minVolume,
        eligible: eligible.length,
      },
    };
  }
}

/** A coin whose volume is unknown cannot be shown to meet a floor above zero. */
function meetsVolume(coin: MarketCoin, minVolume: number): boolean {
  return minVolume === 0 || (coin.volume24h !== null && coin.volume24h >= minVolume);
}
