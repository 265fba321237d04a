import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerTier } from '../auth/current-caller.decorator';
import type { TierPolicy } from '../core/config';
import { TierLimits } from '../auth/tier-limits.service';
import {
  AnalyzeBatchDto,
  AnalyzeTextDto,
  BatchSentimentDto,
  MarketSentimentDto,
  TextSentimentDto,
} from './dto/analyze.dto';
import {
  CoinParamDto,
  CoinSentimentDto,
  SentimentHistoryDto,
  SentimentHistoryQueryDto,
  SentimentSummaryDto,
} from './dto/sentiment-summary.dto';
import { TextScoringService } from './text-scoring.service';
import { SentimentService } from './sentiment.service';
import { API_TAGS } from '../core/docs/api-tags';

@ApiTags(API_TAGS.sentiment)
@Controller('api/sentiment')
export class SentimentController {
  constructor(
    private readonly sentiment: SentimentService,
    private readonly scoring: TextScoringService,
    private readonly tiers: TierLimits,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "The market's mood over the last SENTIMENT_WINDOW_HOURS of scored headlines, with Fear & Greed",
  })
  summary(): Promise<SentimentSummaryDto> {
    return this.sentiment.summary();
  }

  @Get('history')
  @ApiOperation({ summary: 'Daily mood of the scored headlines, oldest day first' })
  history(
    @Query() query: SentimentHistoryQueryDto,
    @CallerTier() tier: TierPolicy,
  ): Promise<SentimentHistoryDto> {
    this.tiers.requireHistoryDays(tier, query.days);
    return this.sentiment.history(query.days);
  }

  @Get('coins/:symbol')
  @ApiOperation({ summary: "One coin's mood over the window, from the headlines that mention it" })
  coin(@Param() { symbol }: CoinParamDto): Promise<CoinSentimentDto> {
    return this.sentiment.coin(symbol);
  }

  @Post('analyze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Score one text POSITIVE/NEGATIVE with the sentiment model' })
  analyze(@Body() body: AnalyzeTextDto): Promise<TextSentimentDto> {
    return this.scoring.one(body.text);
  }

  @Post('crypto-analysis')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'bullish / bearish / neutral: zero-shot with ZERO_SHOT_MODEL when ready, else the three-class model',
  })
  market(@Body() body: AnalyzeTextDto): Promise<MarketSentimentDto> {
    return this.scoring.market(body.text);
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Score up to 64 texts in one call' })
  batch(@Body() body: AnalyzeBatchDto): Promise<BatchSentimentDto> {
    return this.scoring.many(body.texts);
  }
}
