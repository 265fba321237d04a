import { Injectable } from '@nestjs/common';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig } from '../core/config';
import { responseMeta } from '../core/web/response-meta';
import type { GasOracle } from '../providers/provider.types';
import type { ProviderAttempt } from '../providers/registry/provider-attempt';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import type { GasResponseDto } from './dto/gas.dto';

const CACHE_KEY = 'gas:ethereum';

interface Fetched {
  oracle: GasOracle;
  provider: string;
  attempted: ProviderAttempt[];
}

/**
 * Ethereum gas prices from the gas providers (the Etherscan gas oracle), cached for
 * CACHE_TTL_GAS; a stale answer stands in while every provider fails, else the 503 says why.
 * Not stored: a gas price is only useful for the next few blocks.
 */
@Injectable()
export class GasService {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly cache: CacheService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async prices(): Promise<GasResponseDto> {
    const result = await this.cache.getOrLoad(
      CACHE_KEY,
      { ttlSeconds: this.config.cacheTtlSeconds.gas },
      () => this.fetch(),
    );
    const { oracle, provider, attempted } = result.value;
    return {
      data: {
        chain: 'ethereum',
        last_block: oracle.lastBlock,
        safe_gwei: oracle.safeGwei,
        propose_gwei: oracle.proposeGwei,
        fast_gwei: oracle.fastGwei,
        base_fee_gwei: oracle.baseFeeGwei,
      },
      meta: responseMeta(result, { provider, attempted }),
    };
  }

  private async fetch(): Promise<Fetched> {
    const { data, provider, attempted } = await this.registry.execute('gas', (api, ctx) =>
      api.getGasOracle({ ctx }),
    );
    return { oracle: data, provider, attempted };
  }
}
