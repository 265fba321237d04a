import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../../core/config';
import { parsePayload, ProviderError, UpstreamHttpService } from '../../../core/http';
import type { CallContext, PriceQuote, PriceSource, UpstreamAdapter } from '../../provider.types';
import { decimalString, finite, nullableDecimalString } from '../payload-fields';
import { COINCAP_IDS } from './coincap.coins';

const ID = 'coincap';

/** v2's farewell answer (HTTP 200 or 429): `data` is an object with a message, not a list. */
const deprecatedSchema = z.object({ data: z.object({ message: z.string() }) });
const assetsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      symbol: z.string(),
      name: z.string(),
      priceUsd: decimalString,
      changePercent24Hr: nullableDecimalString,
      volumeUsd24Hr: nullableDecimalString,
      marketCapUsd: nullableDecimalString,
    }),
  ),
  timestamp: finite,
});

/** CoinCap v3 (key required; v2 is retired and its deprecation body is a failure). */
@Injectable()
export class CoinCapAdapter implements UpstreamAdapter, PriceSource {
  readonly id = ID;
  readonly categories = ['prices'] as const;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get unavailableReason(): string | undefined {
    return this.config.upstreams.coincap.apiKey ? undefined : 'needs key (COINCAP_API_KEY)';
  }

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.assets({ limit: 1 }, ctx);
  }

  async getPrices({ coins, ctx }: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]> {
    const listed = coins.filter((c) => COINCAP_IDS[c.coingeckoId]);
    const { data, timestamp } = await this.assets(
      { ids: listed.map((c) => COINCAP_IDS[c.coingeckoId]).join(',') },
      ctx,
    );
    const byId = new Map(data.map((a) => [a.id, a]));
    return listed.flatMap((coin) => {
      const asset = byId.get(COINCAP_IDS[coin.coingeckoId] ?? '');
      return asset
        ? [
            {
              symbol: coin.symbol,
              name: coin.name,
              price: asset.priceUsd,
              change24h: asset.changePercent24Hr,
              volume24h: asset.volumeUsd24Hr,
              marketCap: asset.marketCapUsd,
              lastUpdated: new Date(timestamp),
            },
          ]
        : [];
    });
  }

  private async assets(query: Record<string, string | number>, ctx: CallContext) {
    const path = '/assets';
    const response = await this.http.get({
      provider: ID,
      baseUrl: this.config.upstreams.coincap.baseUrl,
      path,
      query,
      headers: { authorization: `Bearer ${this.config.upstreams.coincap.apiKey ?? ''}` },
      signal: ctx.signal,
      refineError: (res) => (deprecated(res.text) ? retired(path) : undefined),
    });
    if (deprecated(response.text)) {
      throw retired(path);
    }
    return parsePayload({ provider: ID, path, text: response.text }, assetsSchema);
  }
}

function deprecated(text: string): boolean {
  try {
    return deprecatedSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

function retired(path: string): ProviderError {
  return new ProviderError({
    provider: ID,
    kind: 'auth',
    message: `${path}: CoinCap answered with its API retirement notice; use v3 with COINCAP_API_KEY`,
  });
}
