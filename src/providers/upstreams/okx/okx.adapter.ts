import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { type AppConfig, InjectConfig } from '../../../core/config';
import { ProviderError, UpstreamHttpService } from '../../../core/http';
import { CANDLE_MS, pagedWindows } from '../../candle-intervals';
import type {
  CallContext,
  Candle,
  CandleInterval,
  CandleQuery,
  ListedPair,
  OhlcvSource,
  UpstreamAdapter,
} from '../../provider.types';
import {
  BARS,
  candlesSchema,
  envelope,
  instrumentsSchema,
  livePairs,
  MAX_ROWS,
  OKX_ID as ID,
  okxError,
  RECENT_BARS,
  toCandles,
} from './okx.schemas';

/**
 * OKX public market data: candles by cursor (`after` = older than, `before` = newer than), 300
 * per call, newest first, UTC-aligned daily and longer bars. Coins are quoted in USDT.
 */
@Injectable()
export class OkxAdapter implements UpstreamAdapter, OhlcvSource {
  readonly id = ID;
  readonly categories = ['ohlcv'] as const;
  readonly candleIntervals = Object.keys(BARS) as CandleInterval[];
  readonly candleRanges = true;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.get('/market/candles', { instId: 'BTC-USDT', bar: '1H', limit: 1 }, ctx);
  }

  async getCandles(params: CandleQuery): Promise<Candle[]> {
    const bar = BARS[params.interval];
    const instId = params.pair
      ? params.pair[ID]
      : params.coin.sharesTicker
        ? undefined
        : `${params.coin.symbol}-USDT`;
    if (!bar || !instId) {
      throw new ProviderError({ provider: ID, kind: 'not_found', message: 'not listed here' });
    }
    const { range, interval, limit, ctx } = params;
    const step = CANDLE_MS[interval];
    if (!range) {
      return this.latest({ instId, bar, limit, ctx });
    }
    const old = range.start.getTime() < Date.now() - RECENT_BARS * step;
    const path = old ? '/market/history-candles' : '/market/candles';
    return pagedWindows({
      // Both cursors are exclusive: the window's candles lie strictly between them.
      fetchWindow: async (start, end) =>
        toCandles(
          await this.get(
            path,
            {
              instId,
              bar,
              after: end.getTime() + 1,
              before: start.getTime() - 1,
              limit: MAX_ROWS,
            },
            ctx,
          ),
        ),
      range,
      interval,
      limit,
      maxBuckets: MAX_ROWS,
    });
  }

  async listPairs({ ctx }: { ctx: CallContext }): Promise<ListedPair[]> {
    return livePairs(
      await this.request('/public/instruments', { instType: 'SPOT' }, instrumentsSchema, ctx),
    );
  }

  /** The newest `limit` candles, paging backwards with `after` = the oldest seen. */
  private async latest(p: { instId: string; bar: string; limit: number; ctx: CallContext }) {
    const collected: Candle[] = [];
    let after: number | undefined;
    while (collected.length < p.limit) {
      const asked = Math.min(MAX_ROWS, p.limit - collected.length);
      const query = { instId: p.instId, bar: p.bar, limit: asked, ...(after ? { after } : {}) };
      const page = toCandles(await this.get('/market/candles', query, p.ctx));
      collected.push(...page);
      const oldest = page.at(-1)?.openTime.getTime();
      if (page.length < asked || oldest === undefined) {
        break;
      }
      after = oldest;
    }
    // Pages never overlap (`after` is exclusive); rows come newest first.
    return collected.reverse();
  }

  private get(path: string, query: Record<string, string | number>, ctx: CallContext) {
    return this.request(path, query, candlesSchema, ctx);
  }

  private async request<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number>,
    schema: S,
    ctx: CallContext,
  ): Promise<z.output<S>> {
    const body = await this.http.getParsed(
      {
        provider: ID,
        baseUrl: this.config.upstreams.okx.baseUrl,
        path,
        query,
        signal: ctx.signal,
      },
      envelope(schema),
    );
    if (String(body.code) !== '0') {
      throw okxError(path, String(body.code), body.msg);
    }
    if (body.data === undefined) {
      throw new ProviderError({ provider: ID, kind: 'bad_payload', message: `${path}: no data` });
    }
    return body.data;
  }
}
