import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CallerTier } from '../auth/current-caller.decorator';
import type { TierPolicy } from '../core/config';
import { TierLimits } from '../auth/tier-limits.service';
import { sendCsv } from '../core/web/csv';
import { HotResponse } from '../core/web/hot-path/hot-response.decorator';
import { DefiService } from './defi.service';
import {
  DEFAULT_CHART_DAYS,
  ChainsQueryDto,
  ChainsResponseDto,
  DefiQueryDto,
  DefiResponseDto,
  ProtocolDetailResponseDto,
  ProtocolQueryDto,
  ProtocolSlugDto,
  TvlChartQueryDto,
  TvlChartResponseDto,
} from './dto/defi.dto';
import { API_TAGS } from '../core/docs/api-tags';

const PROTOCOL_COLUMNS = [
  'name',
  'slug',
  'tvl',
  'chain',
  'chains',
  'symbol',
  'category',
  'change_1d',
  'change_7d',
] as const;

@ApiTags(API_TAGS.defi)
@Controller('api/defi')
export class DefiController {
  constructor(
    private readonly defi: DefiService,
    private readonly tiers: TierLimits,
  ) {}

  @Get()
  @HotResponse()
  @ApiOperation({ summary: 'Top DeFi protocols by TVL (DeFi Llama); format=csv for text/csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DefiResponseDto, description: 'JSON, or text/csv with format=csv' })
  async protocols(
    @Query() query: DefiQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DefiResponseDto | string> {
    const result = await this.defi.protocols(query.limit);
    return query.format === 'csv'
      ? sendCsv({
          res,
          filename: `defi-protocols-${query.limit}`,
          columns: [...PROTOCOL_COLUMNS],
          rows: result.data.map((p) => ({ ...p, chains: p.chains.join(';') })),
        })
      : result;
  }

  @Get('tvl-chart')
  @ApiOperation({
    summary: 'Total DeFi TVL per day from stored history, backfilled when the database has less',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TvlChartResponseDto, description: 'JSON, or text/csv with format=csv' })
  async tvlChart(
    @Query() query: TvlChartQueryDto,
    @CallerTier() tier: TierPolicy,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TvlChartResponseDto | string> {
    const days = this.tiers.historyDays(tier, query.days, DEFAULT_CHART_DAYS);
    const result = await this.defi.tvlChart(days);
    return query.format === 'csv'
      ? sendCsv({
          res,
          filename: `defi-tvl-${days}d`,
          columns: ['date', 'tvl'],
          rows: result.data,
        })
      : result;
  }

  @Get('chains')
  @HotResponse()
  @ApiOperation({ summary: 'TVL by chain, largest first; format=csv for text/csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ChainsResponseDto, description: 'JSON, or text/csv with format=csv' })
  async chains(
    @Query() query: ChainsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ChainsResponseDto | string> {
    const result = await this.defi.chains();
    return query.format === 'csv'
      ? sendCsv({
          res,
          filename: 'defi-chains',
          columns: ['name', 'tvl', 'token_symbol'],
          rows: result.data,
        })
      : result;
  }

  @Get('protocols/:slug')
  @ApiOperation({
    summary: "One protocol's newest TVL and its stored history; 404 for an unknown slug",
  })
  protocol(
    @Param() { slug }: ProtocolSlugDto,
    @Query() query: ProtocolQueryDto,
    @CallerTier() tier: TierPolicy,
  ): Promise<ProtocolDetailResponseDto> {
    this.tiers.requireHistoryDays(tier, query.days);
    return this.defi.protocol(slug, query.days);
  }
}
