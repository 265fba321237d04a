import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AppConfig, InjectConfig, type KnownCoin } from '../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../core/jobs';
import { ProviderRegistry } from '../providers/registry/provider-registry';
import { CoinCatalogue } from './coins/coin-catalogue';
import { CoinDirectoryService } from './coins/coin-directory.service';
import { MarketService } from './market.service';
import { MarketSnapshotStore } from './market-snapshot.store';
import { type CandleBatch, OhlcvStore } from './ohlcv.store';
import { PairDirectory } from './pairs/pair-directory.service';
import { PriceStore } from './price.store';
import { TrendingService } from './trending.service';

const CANDLES_PER_RUN = 2;
const DEFAULT_WATCHLIST_SIZE = 20;

/**
 * Scheduled collection for the watchlist: prices from every available provider (one row per
 * provider) plus a market snapshot, hourly candles, the trending list, and the daily market list
 * that tickers resolve against and each exchange's pair list (both also fetched at start when
 * missing or a day old). Runs never
 * overlap: JobScheduler lets a tick that comes during a run join that run instead of starting
 * another. ENABLE_BACKGROUND_TASKS=false leaves them unscheduled.
 */
@Injectable()
export class MarketJob extends ScheduledJobs {
  private readonly logger = new Logger(MarketJob.name);

  constructor(
    jobs: JobScheduler,
    private readonly registry: ProviderRegistry,
    private readonly coins: CoinCatalogue,
    private readonly directory: CoinDirectoryService,
    private readonly pairs: PairDirectory,
    private readonly prices: PriceStore,
    private readonly snapshots: MarketSnapshotStore,
    private readonly candles: OhlcvStore,
    private readonly market: MarketService,
    private readonly dataSource: DataSource,
    private readonly trending: TrendingService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    const { schedule } = this.config;
    return [
      {
        name: 'prices',
        cron: schedule.prices,
        run: () => this.collectPrices(),
      },
      {
        name: 'candles',
        cron: schedule.candles,
        run: () => this.collectCandles(),
      },
      {
        name: 'trending',
        cron: schedule.trending,
        run: () => this.collectTrending(),
      },
      {
        name: 'coin-list',
        cron: schedule.coins,
        run: () => this.directory.refresh(),
        runAtStart: () => this.directory.isStale(),
      },
      {
        name: 'pair-lists',
        cron: schedule.coins,
        run: () => this.pairs.refresh(),
        runAtStart: () => this.pairs.isStale(),
      },
    ];
  }

  /**
   * Everything is fetched first, then the quotes and the market snapshot are stored in one
   * transaction, so a run is stored whole or not at all. A failed overview still lets the quotes
   * be stored, and fails the run.
   */
  async collectPrices(): Promise<number> {
    const coins = this.watchlist();
    const { results } = await this.registry.gather(
      'prices',
      (api, ctx) => api.getPrices({ coins, ctx }),
      { background: true },
    );
    const overview = await this.market.fetchOverview().catch((error: Error) => error);
    await this.dataSource.transaction(async (manager) => {
      await this.prices.insertMany(
        results.map((r) => ({ quotes: r.data, provider: r.provider })),
        manager,
      );
      if (!(overview instanceof Error)) {
        await this.snapshots.insert(overview, manager);
      }
    });
    if (overview instanceof Error) {
      throw new Error(`prices stored without a market snapshot: ${overview.message}`);
    }
    await this.market.publishOverview(overview);
    return results.reduce((sum, r) => sum + r.data.length, 0);
  }

  /**
   * Every coin's candles fetched, then stored in one transaction. One coin's failure is logged
   * and skipped; the run fails only when no coin got candles.
   */
  async collectCandles(): Promise<number> {
    const coins = this.watchlist();
    const fetched: CandleBatch[] = [];
    const failures: string[] = [];
    for (const coin of coins) {
      try {
        fetched.push(await this.fetchCoinCandles(coin));
      } catch (error) {
        failures.push(`${coin.symbol}: ${(error as Error).message}`);
      }
    }
    await this.dataSource.transaction(async (manager) => {
      for (const batch of fetched) {
        await this.candles.insertOrUpdate(batch, manager);
      }
    });
    const stored = fetched.reduce((sum, batch) => sum + batch.candles.length, 0);
    if (failures.length > 0) {
      this.logger.warn(
        `candles failed for ${failures.length} of ${coins.length} coins: ${failures.join('; ')}`,
      );
    }
    if (coins.length > 0 && failures.length === coins.length) {
      throw new Error(`no candles for any coin: ${failures.join('; ')}`);
    }
    return stored;
  }

  private async fetchCoinCandles(coin: KnownCoin): Promise<CandleBatch> {
    const { data, provider } = await this.registry.execute('ohlcv', (api, ctx) =>
      api.getCandles({ coin, interval: '1h', limit: CANDLES_PER_RUN, ctx }),
    );
    return { symbol: coin.symbol, interval: '1h', candles: data, provider };
  }

  async collectTrending(): Promise<number> {
    return (await this.trending.refresh()).data.length;
  }

  private watchlist(): KnownCoin[] {
    const { watchlist } = this.config;
    return watchlist.length > 0
      ? this.coins.resolve(watchlist).known
      : this.coins.top(DEFAULT_WATCHLIST_SIZE);
  }
}
