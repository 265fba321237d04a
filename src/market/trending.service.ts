import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CacheService } from '../core/cache';
import { type AppConfig, InjectConfig } from '../core/config';
import {
  type ReadAnswer,
  ReadPath,
  type Sourced,
  type StoredRows,
} from '../providers/read-path/read-path.service';
import {
  AllProvidersFailedError,
  NotFoundAtProvidersError,
  type ProviderAttempt,
} from '../providers/registry/provider-attempt';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import type { TrendingCoin } from '../providers/provider.types';
import type { TrendingResponseDto } from './dto/trending.dto';
import { TrendingCoinRecord } from './entities/trending-coin.entity';
import { moversAsTrending } from './trending-movers';

const TRENDING_TOP = 7;
/** The movers stand-in looks among this many coins by market cap. */
const MOVERS_AMONG = 100;

type TrendingAnswer = ReadAnswer<TrendingCoin[]> & { basis: 'trending' | 'movers' };

/** The most searched coins right now; every fetched list is stored in `trending_coins`. */
@Injectable()
export class TrendingService {
  private readonly logger = new Logger(TrendingService.name);

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly cache: CacheService,
    private readonly readPath: ReadPath,
    @InjectRepository(TrendingCoinRecord) private readonly repo: Repository<TrendingCoinRecord>,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async trending(): Promise<TrendingResponseDto> {
    const { value: coins, meta, basis } = await this.read();
    return {
      data: coins.map((c) => ({
        rank: c.rank,
        id: c.id,
        symbol: c.symbol,
        name: c.name,
        market_cap_rank: c.marketCapRank,
        price_usd: c.priceUsd,
        score: c.score,
      })),
      meta: { ...meta, basis },
    };
  }

  /**
   * The trending list (fresh, cached, then stored); when no provider has one and none is stored,
   * the biggest 24 h movers of a market list stand in, labelled `basis: "movers"`.
   */
  private async read(): Promise<TrendingAnswer> {
    try {
      const answer = await this.readPath.read({
        key: 'trending',
        ttlSeconds: this.config.cacheTtlSeconds.prices,
        fetch: () => this.fetch(),
        stored: () => this.storedList(),
      });
      return { ...answer, basis: 'trending' };
    } catch (error) {
      // A trending list is never legitimately absent: "not found" is a failure here too.
      if (!(
        error instanceof AllProvidersFailedError || error instanceof NotFoundAtProvidersError
      )) {
        throw error;
      }
      return { ...(await this.movers(error.attempted)), basis: 'movers' };
    }
  }

  /** The movers stand-in; its attempts start with the trending providers that failed. */
  private async movers(failed: ProviderAttempt[]): Promise<ReadAnswer<TrendingCoin[]>> {
    try {
      return await this.readPath.read({
        key: 'trending:movers',
        ttlSeconds: this.config.cacheTtlSeconds.prices,
        fetch: async () => {
          const { data, provider, attempted } = await this.registry.execute('market', (api, ctx) =>
            api.getTopCoins({ limit: MOVERS_AMONG, ctx }),
          );
          const value = moversAsTrending(data, TRENDING_TOP);
          return { value, provider, attempted: [...failed, ...attempted] };
        },
      });
    } catch (error) {
      const more = error instanceof AllProvidersFailedError ? error.attempted : [];
      throw new AllProvidersFailedError('trending', [...failed, ...more]);
    }
  }

  /** Fetches the list now (a collector run), storing it. */
  async refresh(): Promise<TrendingResponseDto> {
    this.cache.invalidate('trending');
    return this.trending();
  }

  private async fetch(): Promise<Sourced<TrendingCoin[]>> {
    const { data, provider, attempted } = await this.registry.execute('trending', (api, ctx) =>
      api.getTrending({ ctx }),
    );
    const coins = data.slice(0, TRENDING_TOP);
    await this.store(coins, provider);
    return { value: coins, provider, attempted };
  }

  /** The newest stored list, in rank order. */
  private async storedList(): Promise<StoredRows<TrendingCoin[]> | undefined> {
    const [newest] = await this.repo.find({ order: { timestamp: 'DESC' }, take: 1 });
    if (!newest) {
      return undefined;
    }
    const rows = await this.repo.find({
      where: { timestamp: newest.timestamp },
      order: { rank: 'ASC' },
    });
    return {
      value: rows.map((r) => ({
        rank: r.rank,
        id: r.coinId,
        symbol: r.symbol,
        name: r.name,
        marketCapRank: r.marketCapRank,
        priceUsd: r.priceUsd,
        score: r.score,
      })),
      newest: newest.timestamp,
    };
  }

  private async store(coins: TrendingCoin[], provider: string): Promise<void> {
    const timestamp = new Date();
    try {
      await this.repo.insert(
        coins.map((c) => ({
          rank: c.rank,
          coinId: c.id,
          symbol: c.symbol,
          name: c.name,
          marketCapRank: c.marketCapRank,
          priceUsd: c.priceUsd,
          score: c.score,
          provider,
          timestamp,
        })),
      );
    } catch (error) {
      this.logger.warn(`could not store the trending list: ${(error as Error).message}`);
    }
  }
}
