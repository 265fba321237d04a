import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CallerTier } from '../auth/current-caller.decorator';
import type { TierPolicy } from '../core/config';
import { TierLimits } from '../auth/tier-limits.service';
import { sendCsv } from '../core/web/csv';
import { HotResponse } from '../core/web/hot-path/hot-response.decorator';
import {
  candleSpanDays,
  defaultCandleLimit,
  OhlcvQueryDto,
  OhlcvResponseDto,
} from './dto/ohlcv.dto';
import { OhlcvService } from './ohlcv.service';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.history)
@Controller('api/ohlcv')
export class OhlcvController {
  constructor(
    private readonly ohlcv: OhlcvService,
    private readonly tiers: TierLimits,
  ) {}

  @Get()
  @HotResponse()
  @ApiOperation({
    summary: 'OHLCV candles, oldest first; stored in the ohlcv table as they are fetched',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OhlcvResponseDto, description: 'JSON, or text/csv with format=csv' })
  async candles(
    @Query() query: OhlcvQueryDto,
    @CallerTier() tier: TierPolicy,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OhlcvResponseDto | string> {
    const limit = query.limit ?? defaultCandleLimit(query.interval, tier.historyDays);
    this.tiers.requireHistoryDays(tier, candleSpanDays({ interval: query.interval, limit }));
    const result = await this.ohlcv.candles({ ...query, limit });
    return query.format === 'csv'
      ? sendCsv({
          res,
          filename: `ohlcv-${result.meta.symbol}-${result.meta.interval}`,
          columns: ['open_time', 'open', 'high', 'low', 'close', 'volume'],
          rows: result.data,
        })
      : result;
  }
}
