import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CallerTier } from '../auth/current-caller.decorator';
import type { TierPolicy } from '../core/config';
import { TierLimits } from '../auth/tier-limits.service';
import { sendCsv } from '../core/web/csv';
import { HotResponse } from '../core/web/hot-path/hot-response.decorator';
import { defaultCandleLimit, OhlcvQueryDto, OhlcvResponseDto } from './dto/ohlcv.dto';
import { candleWindow, windowDays } from './ohlcv-window';
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
    description:
      "The latest `limit` candles, `limit` candles from `since` (ms, CCXT style), or the range `from`/`to` (epoch seconds or ISO 8601; ranges longer than one upstream call are paged, up to 2,000 candles). The interval is checked against the source (`source`, or each source in the failover): Binance 1s…1M, Kraken 1m/5m/15m/30m/1h/4h/1d/1w (latest 720 only), Coinbase 1m/5m/15m/1h/6h/1d. Pairs in other quotes (ETHBTC, BTC-EUR) resolve through each exchange's stored pair list. The last candle has `closed: false` while it is still forming. The tier's history depth limits how far back the window reaches.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OhlcvResponseDto, description: 'JSON, or text/csv with format=csv' })
  async candles(
    @Query() query: OhlcvQueryDto,
    @CallerTier() tier: TierPolicy,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OhlcvResponseDto | string> {
    const window = candleWindow(query, defaultCandleLimit(query.interval, tier.historyDays));
    this.tiers.requireHistoryDays(tier, windowDays(window, query.interval));
    const result = await this.ohlcv.candles({
      symbol: query.symbol,
      interval: query.interval,
      window,
      source: query.source,
    });
    return query.format === 'csv'
      ? sendCsv({
          res,
          filename: `ohlcv-${result.meta.symbol}${result.meta.quote ? `-${result.meta.quote}` : ''}-${result.meta.interval}`,
          columns: ['open_time', 'open', 'high', 'low', 'close', 'volume', 'closed'],
          // csv-stringify writes booleans as 1 and an empty cell: spell them out.
          rows: result.data.map((c) => ({ ...c, closed: String(c.closed) })),
        })
      : result;
  }
}
