import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../../../core/config';
import { ProviderError, UpstreamHttpService } from '../../../core/http';
import type {
  CallContext,
  FearGreedPoint,
  FearGreedSource,
  UpstreamAdapter,
} from '../../provider.types';
import { EMPTY_LIST, fromSeconds } from '../payload-fields';

const ID = 'alternative-me';
const PATH = '/fng/';
const digits = z.string().regex(/^\d+$/, 'expected digits in a string').transform(Number);

/** Every number arrives as a string; `time_until_update` only on the newest point. */
/** `data` is empty beside an error, so its emptiness is judged after the error (getIndex). */
const fngSchema = z.object({
  data: z.array(
    z.object({
      value: digits,
      value_classification: z.string(),
      timestamp: digits,
      time_until_update: digits.optional(),
    }),
  ),
  metadata: z.object({ error: z.string().nullable() }),
});

/** alternative.me Crypto Fear & Greed Index. */
@Injectable()
export class AlternativeMeAdapter implements UpstreamAdapter, FearGreedSource {
  readonly id = ID;
  readonly categories = ['fear-greed'] as const;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.getIndex({ limit: 1, ctx });
  }

  async getIndex({ limit, ctx }: { limit: number; ctx: CallContext }): Promise<FearGreedPoint[]> {
    const body = await this.http.getParsed(
      {
        provider: ID,
        baseUrl: this.config.upstreams['alternative-me'].baseUrl,
        path: PATH,
        query: { limit, format: 'json' },
        signal: ctx.signal,
      },
      fngSchema,
    );
    if (body.metadata.error) {
      throw new ProviderError({
        provider: ID,
        kind: 'upstream_5xx',
        message: `${PATH}: ${body.metadata.error.slice(0, 120)}`,
      });
    }
    if (body.data.length === 0) {
      throw new ProviderError({
        provider: ID,
        kind: 'bad_payload',
        message: `${PATH}: ${EMPTY_LIST}`,
      });
    }
    return body.data.map((d) => ({
      value: d.value,
      classification: d.value_classification,
      timestamp: fromSeconds(d.timestamp),
      timeUntilUpdateSeconds: d.time_until_update ?? null,
    }));
  }
}
