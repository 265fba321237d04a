import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { API_TAGS } from '../../core/docs/api-tags';
import { sendCsv } from '../../core/web/csv';
import { CoinDetailService } from './coin-detail.service';
import { DirectoryQueries } from './directory.queries';
import { CoinDetailQueryDto, CoinDetailResponseDto, CoinIdParamDto } from './dto/coin-detail.dto';
import {
  CoinsPageDto,
  CoinsQueryDto,
  type DirectoryCoinDto,
  SearchQueryDto,
  SearchResponseDto,
} from './dto/coins.dto';

const CSV_COLUMNS: (keyof DirectoryCoinDto)[] = [
  'id',
  'symbol',
  'name',
  'market_cap_rank',
  'platforms',
];

/** The coin directory: every coin CoinGecko lists, one coin's record, and search. */
@Controller('api')
export class CoinsController {
  constructor(
    private readonly directory: DirectoryQueries,
    private readonly details: CoinDetailService,
  ) {}

  @ApiTags(API_TAGS.coins)
  @Get('coins')
  @ApiOperation({
    summary: 'Every coin the service knows, paged: by market-cap rank, then unranked by name',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CoinsPageDto, description: 'JSON, or text/csv with format=csv' })
  list(
    @Query() query: CoinsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): CoinsPageDto | string {
    const page = this.directory.page(query.page, query.per_page);
    return query.format === 'csv' ? csv(res, 'coins', page.data) : page;
  }

  @ApiTags(API_TAGS.coins)
  @Get('search')
  @ApiOperation({
    summary:
      'Coins by name, ticker or id (exact, prefix, substring; each by market cap), from the stored directory',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SearchResponseDto, description: 'JSON, or text/csv with format=csv' })
  search(
    @Query() query: SearchQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): SearchResponseDto | string {
    const found = this.directory.search(query.q, query.limit);
    return query.format === 'csv' ? csv(res, 'search', found.data) : found;
  }

  @ApiTags(API_TAGS.coins)
  @Get('coins/:id')
  @ApiOperation({
    summary:
      "One coin's record: quotes per currency (vs), supply, ATH/ATL, links, categories; from CoinGecko, else CoinPaprika (fewer fields, usd/eur/btc); cached, stale from the database when both fail",
  })
  detail(
    @Param() params: CoinIdParamDto,
    @Query() query: CoinDetailQueryDto,
  ): Promise<CoinDetailResponseDto> {
    return this.details.detail(params.id, query.vs.toLowerCase().split(','));
  }
}

function csv(res: Response, filename: string, rows: readonly DirectoryCoinDto[]): string {
  return sendCsv({
    res,
    filename,
    columns: CSV_COLUMNS,
    rows: rows.map((r) => ({ ...r, platforms: r.platforms && JSON.stringify(r.platforms) })),
  });
}
