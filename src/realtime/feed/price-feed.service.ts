import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { LeaderLock } from '../../core/cluster/leader-lock';
import { SymbolInterest } from '../../core/cluster/symbol-interest';
import { type AppConfig, InjectConfig, type KnownCoin } from '../../core/config';
import { CoinCatalogue } from '../../market/coins/coin-catalogue';
import { ProviderRegistry } from '../../providers/registry/provider-registry';
import { priceChannel } from '../channels';
import { RealtimeHub } from '../hub/realtime-hub.service';
import type { PriceEvent } from '../realtime-events.types';
import { RealtimePublisher } from '../../core/realtime/realtime.publisher';
import { BinanceStreamClient, type StreamTick } from './binance-stream.client';

/**
 * Changes to the followed symbols are gathered this long, so a burst of subscriptions makes one
 * stream update and one snapshot poll rather than one per symbol.
 */
const FOLLOW_DEBOUNCE_MS = 300;

/**
 * Where real-time prices come from: Binance's market streams for the followed symbols that
 * trade there, and REST polling through the provider registry every REALTIME_POLL_SECONDS for
 * the rest, and for all of them while no stream is up. Newly followed symbols are fetched in one
 * batch once a burst of changes settles, so subscribers get a snapshot. Nothing here is stored:
 * collection has its own jobs. With several replicas only the leader streams and polls, for the
 * symbols followed on any replica; its events reach the others through the publisher.
 */
@Injectable()
export class PriceFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PriceFeed.name);
  private readonly stream: BinanceStreamClient;
  private symbols: string[] = [];
  private streamUp = false;
  private pollTimer?: NodeJS.Timeout;
  private followTimer?: NodeJS.Timeout;
  /** The interval's poll while it awaits its answer: a slow one makes the next turns skip. */
  private intervalPoll?: Promise<void>;
  /** Symbols newly followed since the last change was applied. */
  private readonly added = new Set<string>();

  constructor(
    private readonly hub: RealtimeHub,
    private readonly publisher: RealtimePublisher,
    private readonly registry: ProviderRegistry,
    private readonly coins: CoinCatalogue,
    private readonly interest: SymbolInterest,
    private readonly leader: LeaderLock,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.stream = new BinanceStreamClient(config.upstreams.binance.wsUrls, {
      tick: (tick) => this.onTick(tick),
      state: (up) => this.onStreamState(up),
    });
  }

  onApplicationBootstrap(): void {
    this.hub.onSymbolsChanged((symbols, added) => {
      this.interest.follow(symbols);
      this.queue(added);
    });
    this.interest.onAdded((added) => this.queue(added));
    // A new leader takes over the stream and snapshots everything followed.
    this.leader.onChange(() => this.queue(this.interest.union(this.hub.followedSymbols())));
  }

  private queue(added: string[]): void {
    added.forEach((symbol) => this.added.add(symbol));
    this.followTimer ??= setTimeout(() => this.follow(), FOLLOW_DEBOUNCE_MS);
  }

  onModuleDestroy(): void {
    this.stream.stop();
    clearInterval(this.pollTimer);
    clearTimeout(this.followTimer);
  }

  get streaming(): boolean {
    return this.streamUp;
  }

  private follow(): void {
    this.followTimer = undefined;
    this.symbols = this.interest.union(this.hub.followedSymbols());
    const added = this.symbols.filter((symbol) => this.added.has(symbol));
    this.added.clear();
    const leading = this.leader.isLeader;
    const streamed = leading ? this.streamable(this.symbols) : [];
    this.stream.follow(streamed.map((c) => c.binancePair as string));
    this.schedulePolling();
    if (leading && added.length > 0) {
      void this.poll(added);
    }
  }

  private streamable(symbols: string[]): KnownCoin[] {
    return symbols
      .map((s) => this.coins.find(s))
      .filter((c): c is KnownCoin => c?.binancePair !== undefined && !c.sharesTicker);
  }

  private onTick(tick: StreamTick): void {
    const coin = this.streamable(this.symbols).find((c) => c.binancePair === tick.pair);
    if (!coin) {
      return;
    }
    this.publisher.publish(priceChannel(coin.symbol), 'price', {
      symbol: coin.symbol,
      price: tick.price,
      change_24h: tick.change24h,
      volume_24h: tick.quoteVolume24h,
      provider: 'binance',
      ts: tick.eventTime,
    });
  }

  private onStreamState(up: boolean): void {
    if (up !== this.streamUp) {
      this.logger.log(up ? 'Binance stream up' : 'Binance stream down: polling');
    }
    this.streamUp = up;
    this.schedulePolling();
  }

  /** Symbols the stream does not cover right now. */
  private polled(): string[] {
    if (!this.leader.isLeader) {
      return [];
    }
    return this.symbols.filter((s) => !this.streamed(s));
  }

  /** Whether the stream is up and carries this symbol. */
  private streamed(symbol: string): boolean {
    return this.streamUp && this.streamable([symbol]).length > 0;
  }

  private schedulePolling(): void {
    const needed = this.polled().length > 0;
    if (needed && !this.pollTimer) {
      this.pollTimer = setInterval(() => {
        this.intervalPoll ??= this.poll(this.polled()).finally(
          () => (this.intervalPoll = undefined),
        );
      }, this.config.realtime.pollSeconds * 1000);
      this.pollTimer.unref();
    } else if (!needed && this.pollTimer) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  private async poll(symbols: string[]): Promise<void> {
    const coins = symbols.map((s) => this.coins.find(s)).filter((c): c is KnownCoin => !!c);
    if (coins.length === 0) {
      return;
    }
    try {
      const { data, provider } = await this.registry.execute('prices', (api, ctx) =>
        api.getPrices({ coins, ctx }),
      );
      for (const quote of data) {
        this.publishPolled({
          symbol: quote.symbol,
          price: quote.price,
          change_24h: quote.change24h,
          volume_24h: quote.volume24h,
          provider,
          ts: quote.lastUpdated.getTime(),
        });
      }
    } catch (error) {
      this.logger.warn(`polling ${symbols.join(',')} failed: ${(error as Error).message}`);
    }
  }

  /**
   * Publishes a polled price. While the stream carries the symbol, a poll answering with an
   * older value than the channel's latest is dropped: a slow poll must not take a tick's place in
   * clients or in the snapshot (a latest value stamped in the future, a provider's clock, counts
   * as now, so it cannot hold the channel back). Otherwise the poll is the only live source and
   * is published as it arrives, even if the provider's clock lags the last tick: a channel is
   * ordered by receipt across the switch, never starved until a lagging clock catches up.
   */
  private publishPolled(event: PriceEvent): void {
    const channel = priceChannel(event.symbol);
    const latest = this.publisher.snapshot(channel)?.data as PriceEvent | undefined;
    if (this.streamed(event.symbol) && latest && event.ts < Math.min(latest.ts, Date.now())) {
      return;
    }
    this.publisher.publish(channel, 'price', event);
  }
}
