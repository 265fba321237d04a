import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CallerTier } from '../auth/current-caller.decorator';
import type { TierPolicy } from '../core/config';
import { TierLimits } from '../auth/tier-limits.service';
import { sendCsv } from '../core/web/csv';
import { HotResponse } from '../core/web/hot-path/hot-response.decorator';
import {
  CoinParamDto,
  ConsensusResponseDto,
  PriceResponseDto,
  PricesQueryDto,
  PricesResponseDto,
  PriceVsQueryDto,
} from './dto/prices.dto';
import { DEFAULT_HISTORY_DAYS, HistoryQueryDto, HistoryResponseDto } from './dto/history.dto';
import { PriceHistoryService } from './price-history.service';
import { depthDays, historyRange } from './history-range';
import { PricesService } from './prices.service';
import { PricesVsService } from './prices-vs.service';
import { PRICE_CSV_COLUMNS, priceRows } from './prices-vs';
import { API_TAGS } from '../core/docs/api-tags';

@Controller('api/prices')
export class PricesController {
  constructor(
    private readonly prices: PricesService,
    private readonly pricesVs: PricesVsService,
    private readonly priceHistory: PriceHistoryService,
    private readonly tiers: TierLimits,
  ) {}

  @ApiTags(API_TAGS.market)
  @Get()
  @HotResponse()
  @ApiOperation({
    summary:
      'Live prices for several coins, in USD or the currencies `vs` names (quoted directly, or converted and said so in meta.converted); unknown tickers are listed in meta.unknown',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PricesResponseDto, description: 'JSON, or text/csv with format=csv' })
  async list(
    @Query() query: PricesQueryDto,
    @CallerTier() tier: TierPolicy,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PricesResponseDto | string> {
    // Each currency is a quote of its own: the tier's limit counts symbols times currencies.
    this.tiers.requireSymbols(tier, query.symbols.length * (query.vs?.length ?? 1));
    const result = query.vs
      ? await this.pricesVs.list(query.symbols, query.vs)
      : await this.prices.prices(query.symbols);
    return query.format === 'csv'
      ? sendCsv({
          res,
          filename: 'prices',
          columns: [...PRICE_CSV_COLUMNS],
          rows: priceRows(result.data),
        })
      : result;
  }

  @ApiTags(API_TAGS.market)
  @Get('consensus')
  @HotResponse()
  @ApiOperation({
    summary:
      "Median of every available provider's latest quote, each source and the spread in percent",
  })
  consensus(
    @Query() query: PricesQueryDto,
    @CallerTier() tier: TierPolicy,
  ): Promise<ConsensusResponseDto> {
    this.tiers.requireSymbols(tier, query.symbols.length);
    return this.prices.consensus(query.symbols);
  }

  @ApiTags(API_TAGS.history)
  @Get('history/:symbol')
  @ApiOperation({
    summary:
      'Stored price history (price, 24 h volume, market cap) for the last days or a from/to range, downsampled; backfilled from upstream when the database has less',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: HistoryResponseDto, description: 'JSON, or text/csv with format=csv' })
  async history(
    @Param() { symbol }: CoinParamDto,
    @Query() query: HistoryQueryDto,
    @CallerTier() tier: TierPolicy,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HistoryResponseDto | string> {
    const range = historyRange(query, () =>
      this.tiers.historyDays(tier, query.days, DEFAULT_HISTORY_DAYS),
    );
    if (query.from) {
      this.tiers.requireHistoryDays(tier, depthDays(range.from));
    }
    const result = await this.priceHistory.history({ symbol, ...range, interval: query.interval });
    return query.format === 'csv'
      ? sendCsv({
          res,
          filename: `history-${result.meta.symbol}-${result.meta.interval}`,
          columns: ['timestamp', 'price', 'volume_24h', 'market_cap'],
          rows: result.data,
        })
      : result;
  }

  @ApiTags(API_TAGS.market)
  @Get(':symbol')
  @HotResponse()
  @ApiOperation({
    summary:
      'Live price of one coin by ticker or CoinGecko id, in USD or the currencies `vs` names; 404 when unknown',
  })
  one(
    @Param() { symbol }: CoinParamDto,
    @Query() query: PriceVsQueryDto,
    @CallerTier() tier: TierPolicy,
  ): Promise<PriceResponseDto> {
    this.tiers.requireSymbols(tier, query.vs?.length ?? 1);
    return query.vs ? this.pricesVs.one(symbol, query.vs) : this.prices.price(symbol);
  }
}
