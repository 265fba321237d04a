import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { API_TAGS } from '../core/docs/api-tags';
import { sendCsv } from '../core/web/csv';
import { HotResponse } from '../core/web/hot-path/hot-response.decorator';
import { type MoverDto, MoversQueryDto, MoversResponseDto } from './dto/movers.dto';
import { TopCoinsQueryDto, TopCoinsResponseDto } from './dto/top-coins.dto';
import { MarketListVsService } from './market-list-vs.service';
import { MoversService } from './movers.service';
import { TopCoinsService } from './top-coins.service';
import { currencyColumns, withCurrencyColumns } from './vs-columns';

const TOP_COLUMNS = [
  'rank',
  'symbol',
  'name',
  'price',
  'change_24h',
  'volume_24h',
  'market_cap',
  'last_updated',
  'last_updated_source',
  'provider',
] as const;

@Controller('api')
export class TopCoinsController {
  constructor(
    private readonly topCoins: TopCoinsService,
    private readonly moversService: MoversService,
    private readonly listVs: MarketListVsService,
  ) {}

  @ApiTags(API_TAGS.coins)
  @Get('coins/top')
  @HotResponse()
  @ApiOperation({
    summary:
      'Coins by market cap, volume or change, paged (per_page 1..250); format=csv for text/csv',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TopCoinsResponseDto, description: 'JSON, or text/csv with format=csv' })
  async top(
    @Query() query: TopCoinsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TopCoinsResponseDto | string> {
    const params = {
      page: query.page,
      perPage: query.per_page ?? query.limit ?? 50,
      order: query.order,
      windows: query.price_change_percentage,
    };
    const result = query.vs
      ? await this.listVs.top(params, query.vs)
      : await this.topCoins.topCoins(params);
    if (query.format !== 'csv') {
      return result;
    }
    const windows = query.price_change_percentage.map(
      (w) => `price_change_percentage_${w}_in_currency` as const,
    );
    return sendCsv<Record<string, unknown>>({
      res,
      filename: `top-coins-${query.order}-page-${query.page}`,
      columns: [...TOP_COLUMNS, ...windows, ...currencyColumns(query.vs)],
      rows: result.data.map(withCurrencyColumns),
    });
  }

  @ApiTags(API_TAGS.market)
  @Get('market/movers')
  @HotResponse()
  @ApiOperation({
    summary:
      'Top gainers and losers over 1h, 24h or 7d among the top N coins by market cap, with a volume floor',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: MoversResponseDto, description: 'JSON, or text/csv with format=csv' })
  async movers(
    @Query() query: MoversQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MoversResponseDto | string> {
    const params = {
      window: query.window,
      top: query.top,
      minVolume: query.min_volume,
      limit: query.limit,
    };
    const result = query.vs
      ? await this.listVs.movers(params, query.vs)
      : await this.moversService.movers(params);
    if (query.format !== 'csv') {
      return result;
    }
    const side = (name: string) => (m: MoverDto) => ({ side: name, ...withCurrencyColumns(m) });
    return sendCsv<Record<string, unknown>>({
      res,
      filename: `movers-${query.window}`,
      columns: [
        'side',
        'rank',
        'symbol',
        'name',
        'price',
        'change_pct',
        ...TOP_COLUMNS.slice(4),
        ...currencyColumns(query.vs),
      ],
      rows: [...result.data.gainers.map(side('gainer')), ...result.data.losers.map(side('loser'))],
    });
  }
}
