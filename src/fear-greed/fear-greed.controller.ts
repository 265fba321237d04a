import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerTier } from '../auth/current-caller.decorator';
import type { TierPolicy } from '../core/config';
import { TierLimits } from '../auth/tier-limits.service';
import { HotResponse } from '../core/web/hot-path/hot-response.decorator';
import { FearGreedQueryDto, FearGreedResponseDto } from './dto/fear-greed.dto';
import { FearGreedService } from './fear-greed.service';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.sentiment)
@Controller('api/sentiment/fear-greed')
export class FearGreedController {
  constructor(
    private readonly fearGreed: FearGreedService,
    private readonly tiers: TierLimits,
  ) {}

  @Get()
  @HotResponse()
  @ApiOperation({ summary: 'The Crypto Fear & Greed Index: current value and daily history' })
  index(
    @Query() query: FearGreedQueryDto,
    @CallerTier() tier: TierPolicy,
  ): Promise<FearGreedResponseDto> {
    this.tiers.requireHistoryDays(tier, query.limit);
    return this.fearGreed.index(query.limit);
  }
}
