import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../../../core/config';
import {
  parsePayload,
  ProviderError,
  type ProviderErrorKind,
  UpstreamHttpService,
} from '../../../core/http';
import type { CallContext, GasOracle, GasSource, UpstreamAdapter } from '../../provider.types';
import { decimalString } from '../payload-fields';

const ID = 'etherscan';
const ETHEREUM_MAINNET = 1;

/** Etherscan answers 200 for everything; `status: "0"` carries the error text in `result`. */
const envelopeSchema = z.object({
  status: z.enum(['0', '1']),
  message: z.string(),
  result: z.unknown(),
});
const oracleSchema = z.object({
  LastBlock: decimalString,
  SafeGasPrice: decimalString,
  ProposeGasPrice: decimalString,
  FastGasPrice: decimalString,
  suggestBaseFee: decimalString,
});

/** Etherscan V2 gas oracle for Ethereum mainnet (key required). */
@Injectable()
export class EtherscanAdapter implements UpstreamAdapter, GasSource {
  readonly id = ID;
  readonly categories = ['gas'] as const;

  constructor(
    private readonly http: UpstreamHttpService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get unavailableReason(): string | undefined {
    return this.config.upstreams.etherscan.apiKey ? undefined : 'needs key (ETHERSCAN_API_KEY)';
  }

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.getGasOracle({ ctx });
  }

  async getGasOracle({ ctx }: { ctx: CallContext }): Promise<GasOracle> {
    const { baseUrl, apiKey } = this.config.upstreams.etherscan;
    const url = new URL(baseUrl);
    const path = url.pathname;
    const response = await this.http.get({
      provider: ID,
      baseUrl: url.origin,
      path,
      query: {
        chainid: ETHEREUM_MAINNET,
        module: 'gastracker',
        action: 'gasoracle',
        apikey: apiKey,
      },
      signal: ctx.signal,
    });
    const envelope = parsePayload({ provider: ID, path, text: response.text }, envelopeSchema);
    if (envelope.status === '0') {
      throw etherscanError(
        path,
        typeof envelope.result === 'string' ? envelope.result : envelope.message,
      );
    }
    const oracle = parsePayload(
      { provider: ID, path, text: JSON.stringify(envelope.result) },
      oracleSchema,
    );
    return {
      lastBlock: oracle.LastBlock,
      safeGwei: oracle.SafeGasPrice,
      proposeGwei: oracle.ProposeGasPrice,
      fastGwei: oracle.FastGasPrice,
      baseFeeGwei: oracle.suggestBaseFee,
    };
  }
}

function etherscanError(path: string, text: string): ProviderError {
  const kind: ProviderErrorKind = /rate limit/i.test(text)
    ? 'rate_limited'
    : /api key|deprecated|not supported/i.test(text)
      ? 'auth'
      : 'bad_request';
  return new ProviderError({
    provider: ID,
    kind,
    retryAfterMs: kind === 'rate_limited' ? 1_000 : undefined,
    message: `${path}: ${text.slice(0, 120)}`,
  });
}
