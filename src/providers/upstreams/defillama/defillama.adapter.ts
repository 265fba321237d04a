import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../../../core/config';
import { UpstreamHttpService } from '../../../core/http';
import type {
  CallContext,
  ChainTvl,
  DefiSource,
  ProtocolTvl,
  TvlPoint,
  UpstreamAdapter,
} from '../../provider.types';
import { filledList, finite, fromSeconds, nullableNumber } from '../payload-fields';

const ID = 'defillama';

const protocolsSchema = filledList(
  z.object({
    name: z.string(),
    slug: z.string(),
    tvl: nullableNumber,
    chain: z.string().nullable().optional(),
    chains: z.array(z.string()),
    symbol: z.string().nullable().optional(),
    category: z.string().nullable().optional(),
    change_1d: nullableNumber.optional(),
    change_7d: nullableNumber.optional(),
  }),
);
/** The only fields of /protocols the service reads; the rest is dropped while parsing. */
const PROTOCOL_FIELDS = new Set([
  'name',
  'slug',
  'tvl',
  'chain',
  'chains',
  'symbol',
  'category',
  'change_1d',
  'change_7d',
]);
const historySchema = filledList(z.object({ date: finite, tvl: finite }));
const chainsSchema = filledList(
  z.object({ name: z.string(), tvl: finite, tokenSymbol: z.string().nullable().optional() }),
);

/** DeFi Llama's free API: protocols, chains, historical TVL. */
@Injectable()
export class DefiLlamaAdapter implements UpstreamAdapter, DefiSource {
  readonly id = ID;
  readonly categories = ['defi'] as const;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.getChains({ ctx });
  }

  async getProtocols({ ctx }: { ctx: CallContext }): Promise<ProtocolTvl[]> {
    const rows = await this.get('/protocols', protocolsSchema, ctx, PROTOCOL_FIELDS);
    return rows
      .filter((r) => r.tvl !== null)
      .map((r) => ({
        name: r.name,
        slug: r.slug,
        tvl: r.tvl ?? 0,
        chain: r.chain ?? null,
        chains: r.chains,
        symbol: r.symbol && r.symbol !== '-' ? r.symbol : null,
        category: r.category ?? null,
        change1d: r.change_1d ?? null,
        change7d: r.change_7d ?? null,
      }));
  }

  async getHistoricalTvl({ ctx }: { ctx: CallContext }): Promise<TvlPoint[]> {
    const rows = await this.get('/v2/historicalChainTvl', historySchema, ctx);
    return rows.map((r) => ({ date: fromSeconds(r.date), tvl: r.tvl }));
  }

  async getChains({ ctx }: { ctx: CallContext }): Promise<ChainTvl[]> {
    const rows = await this.get('/v2/chains', chainsSchema, ctx);
    return rows.map((r) => ({ name: r.name, tvl: r.tvl, tokenSymbol: r.tokenSymbol ?? null }));
  }

  async getProtocolTvl({ slug, ctx }: { slug: string; ctx: CallContext }): Promise<number> {
    return this.get(`/tvl/${encodeURIComponent(slug)}`, finite, ctx);
  }

  private async get<S extends z.ZodType>(
    path: string,
    schema: S,
    ctx: CallContext,
    keepKeys?: ReadonlySet<string>,
  ): Promise<z.output<S>> {
    return this.http.getParsed(
      {
        provider: ID,
        baseUrl: this.config.upstreams.defillama.baseUrl,
        path,
        signal: ctx.signal,
      },
      schema,
      keepKeys,
    );
  }
}
