import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../../../core/config';
import { ProviderError, UpstreamHttpService, type UpstreamResponse } from '../../../core/http';
import type { CallContext, FxRate, FxSource, UpstreamAdapter } from '../../provider.types';
import { finite } from '../payload-fields';

const ID = 'frankfurter';
const PATH = '/latest';
/**
 * The ECB publishes against the euro. Frankfurter rounds rates it rebases to another currency
 * (USD→JPY comes back as 153.8), so the euro rates are asked for and crossed here, unrounded.
 */
const BASE = 'EUR';

const latestSchema = z.object({
  amount: z.literal(1),
  base: z.literal(BASE),
  /** The ECB business day the rates are for (weekends and holidays carry the last one). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date'),
  rates: z.record(
    z.string().regex(/^[A-Z]{3}$/, 'expected a currency code'),
    finite.refine((n) => n > 0, 'expected a positive rate'),
  ),
});
const errorSchema = z.object({ message: z.string() });

/** Frankfurter v1: the ECB's daily reference rates as JSON, keyless. */
@Injectable()
export class FrankfurterAdapter implements UpstreamAdapter, FxSource {
  readonly id = ID;
  readonly categories = ['fx'] as const;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.latest(ctx);
  }

  async getUsdRates({ ctx }: { ctx: CallContext }): Promise<FxRate[]> {
    const { date, rates } = await this.latest(ctx);
    const eurPerUsd = rates.USD;
    if (eurPerUsd === undefined) {
      throw new ProviderError({
        provider: ID,
        kind: 'bad_payload',
        message: `${PATH}: no USD rate`,
      });
    }
    const perEur: Record<string, number> = { ...rates, [BASE]: 1 };
    return Object.entries(perEur)
      .filter(([code]) => code !== 'USD')
      .map(([code, rate]) => ({
        code: code.toLowerCase(),
        perUsd: rate / eurPerUsd,
        kind: 'fiat',
        name: null,
        asOf: date,
      }));
  }

  private async latest(ctx: CallContext): Promise<z.output<typeof latestSchema>> {
    return this.http.getParsed(
      {
        provider: ID,
        baseUrl: this.config.upstreams.frankfurter.baseUrl,
        path: PATH,
        query: { base: BASE },
        headers: { accept: 'application/json' },
        signal: ctx.signal,
        refineError: (res) => refineError(res),
      },
      latestSchema,
    );
  }
}

/** Frankfurter says what was wrong in `{"message": …}`: 404 unknown currency, 422 bad pair. */
function refineError(response: UpstreamResponse): ProviderError | undefined {
  if (response.status !== 404 && response.status !== 422) {
    return undefined;
  }
  const parsed = errorSchema.safeParse(safeJson(response.text));
  if (!parsed.success) {
    return undefined;
  }
  return new ProviderError({
    provider: ID,
    kind: response.status === 404 ? 'not_found' : 'bad_request',
    status: response.status,
    message: `${PATH}: HTTP ${response.status} ${parsed.data.message.slice(0, 120)}`,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
