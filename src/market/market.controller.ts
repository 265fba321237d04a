import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CallerTier } from '../auth/current-caller.decorator';
import type { TierPolicy } from '../core/config';
import { TierLimits } from '../auth/tier-limits.service';
import { sendCsv } from '../core/web/csv';
import { HotResponse } from '../core/web/hot-path/hot-response.decorator';
import { MarketResponseDto, SnapshotsQueryDto, SnapshotsResponseDto } from './dto/market.dto';
import { MarketService } from './market.service';
import { MarketVsService } from './market-vs.service';
import { MarketQueryDto } from './dto/market-vs.dto';
import { TrendingResponseDto } from './dto/trending.dto';
import { TrendingService } from './trending.service';
import { API_TAGS } from '../core/docs/api-tags';

@Controller('api')
export class MarketController {
  constructor(
    private readonly market: MarketService,
    private readonly marketVs: MarketVsService,
    private readonly trendingCoins: TrendingService,
    private readonly tiers: TierLimits,
  ) {}

  @ApiTags(API_TAGS.market)
  @Get('market')
  @HotResponse()
  @ApiOperation({
    summary:
      'Market overview: total cap and volume, dominance, BTC/ETH, top 10 coins; `vs` adds them converted to other currencies',
  })
  overview(@Query() query: MarketQueryDto): Promise<MarketResponseDto> {
    return query.vs ? this.marketVs.overview(query.vs) : this.market.overview();
  }

  @ApiTags(API_TAGS.market)
  @Get('market/snapshots')
  @ApiOperation({ summary: 'Stored market snapshots, oldest first; format=csv for text/csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SnapshotsResponseDto })
  async snapshots(
    @Query() query: SnapshotsQueryDto,
    @CallerTier() tier: TierPolicy,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SnapshotsResponseDto | string> {
    this.tiers.requireHistoryDays(tier, Math.ceil(query.hours / 24));
    const result = await this.market.snapshots(query.hours);
    return query.format === 'csv'
      ? sendCsv({
          res,
          filename: 'market-snapshots',
          columns: [
            'timestamp',
            'btc_price',
            'eth_price',
            'market_cap',
            'volume_24h',
            'btc_dominance',
          ],
          rows: result.data,
        })
      : result;
  }

  @ApiTags(API_TAGS.market)
  @Get('trending')
  @HotResponse()
  @ApiOperation({ summary: 'The top 7 trending coins; each fetched list is stored' })
  trending(): Promise<TrendingResponseDto> {
    return this.trendingCoins.trending();
  }
}
