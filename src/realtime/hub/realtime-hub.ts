import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Caller } from '../../auth/caller';
import { type AppConfig, InjectConfig } from '../../core/config';
import { CoinCatalogue } from '../../market/coins/coin-catalogue';
import { parseChannel, priceChannel, symbolOf } from '../channels';
import type { ServerEventName, SubscriptionAck, UnsubscribeAck } from '../realtime-events';
import { RealtimePublisher } from '../realtime.publisher';
import { PriceThrottle } from './price-throttle';
import { Tally } from './tally';

/** One client connection, whichever transport carries it. */
export interface RealtimeConnection {
  readonly id: string;
  readonly caller: Caller;
  send(event: ServerEventName | 'subscribed', data: unknown): void;
  /** Bytes waiting to be written to the client. */
  buffered(): number;
  close(reason: string): void;
}

interface ConnectionState {
  connection: RealtimeConnection;
  channels: Set<string>;
  /** Channels something was delivered on since subscribing: their snapshot is out of date. */
  delivered: Set<string>;
  /** At most one price per symbol per window; the newest held back goes out at its end. */
  prices: PriceThrottle;
}

/** A client this far behind is dropped, so it never holds memory or slows the others. */
export const MAX_BUFFERED_BYTES = 512 * 1024;
/**
 * A longer list is refused whole: rejecting each extra channel would let one message make an
 * ack many times its own size.
 */
const MAX_CHANNELS_PER_MESSAGE = 100;
const CLOSED = 'the connection is closed';

/**
 * Connections, their subscriptions and the fan-out of published events: snapshots on subscribe,
 * at most one price per symbol per REALTIME_THROTTLE_MS per client (the newest is sent when the
 * window ends), per-tier limits, and slow clients dropped.
 */
@Injectable()
export class RealtimeHub implements OnModuleDestroy {
  private readonly logger = new Logger(RealtimeHub.name);
  private readonly states = new Map<string, ConnectionState>();
  private readonly perTracker = new Tally();
  private readonly symbolListeners = new Set<(symbols: string[], added: string[]) => void>();
  private readonly stopListening: () => void;
  messagesSent = 0;

  constructor(
    private readonly publisher: RealtimePublisher,
    private readonly coins: CoinCatalogue,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.stopListening = publisher.onPublish((channel, event, data) =>
      this.deliver(channel, event, data),
    );
  }

  onModuleDestroy(): void {
    this.stopListening();
    for (const state of this.states.values()) {
      state.prices.clear();
    }
  }

  /** Registers a connection, or says why its tier allows no more. */
  admit(connection: RealtimeConnection): string | undefined {
    const { tracker, tier } = connection.caller;
    if (tier.maxConnections !== null && this.perTracker.get(tracker) >= tier.maxConnections) {
      return `The ${tier.name} tier allows ${tier.maxConnections} real-time connections at once`;
    }
    this.perTracker.increment(tracker);
    const state: ConnectionState = {
      connection,
      channels: new Set(),
      delivered: new Set(),
      prices: new PriceThrottle(this.config.realtime.throttleMs, (data) => {
        if (this.states.get(connection.id) === state) {
          this.send(state, 'price', data);
        }
      }),
    };
    this.states.set(connection.id, state);
    return undefined;
  }

  remove(connection: RealtimeConnection): void {
    const state = this.states.get(connection.id);
    if (!state) {
      return;
    }
    this.states.delete(connection.id);
    state.prices.clear();
    this.perTracker.decrement(connection.caller.tracker);
    if (state.channels.size > 0) {
      this.symbolsChanged([]);
    }
  }

  /** Closes every connection opened with this key (revoked: it may no longer stream). */
  closeKey(keyId: number, reason: string): number {
    const opened = [...this.states.values()].filter((s) => s.connection.caller.keyId === keyId);
    for (const state of opened) {
      state.connection.close(reason);
      this.remove(state.connection);
    }
    return opened.length;
  }

  subscribe(connection: RealtimeConnection, channels: unknown): SubscriptionAck {
    const state = this.states.get(connection.id);
    const list = listOf(channels);
    if (!state || typeof list === 'string') {
      return refused(typeof list === 'string' ? list : CLOSED, []);
    }
    const ack: SubscriptionAck = { ok: false, subscribed: [], rejected: [], results: [] };
    const reject = (channel: string, reason: string) => {
      ack.rejected.push({ channel, reason });
      ack.results.push({ channel, ok: false, reason });
    };
    const limit = connection.caller.tier.maxSubscriptions;
    const addedSymbols: string[] = [];
    for (const raw of list) {
      const parsed = this.parse(raw);
      if ('reason' in parsed) {
        reject(String(raw), parsed.reason);
      } else if (
        !state.channels.has(parsed.channel) &&
        limit !== null &&
        state.channels.size >= limit
      ) {
        reject(
          parsed.channel,
          `The ${connection.caller.tier.name} tier allows ${limit} subscriptions per connection`,
        );
      } else {
        if (!state.channels.has(parsed.channel)) {
          const symbol = symbolOf(parsed.channel);
          if (symbol && !this.isFollowed(symbol)) {
            addedSymbols.push(symbol);
          }
          state.channels.add(parsed.channel);
        }
        if (!ack.subscribed.includes(parsed.channel)) {
          ack.subscribed.push(parsed.channel);
        }
        ack.results.push({ channel: parsed.channel, ok: true });
      }
    }
    // Partly accepted is accepted: the client follows what was, and `results` says which failed.
    ack.ok = ack.subscribed.length > 0;
    setImmediate(() => void this.sendSnapshots(state, ack.subscribed));
    if (addedSymbols.length > 0) {
      this.symbolsChanged(addedSymbols);
    }
    return ack;
  }

  /**
   * Channels are named as for subscribe (`prices:btc` leaves `prices:BTC`); the ack lists the
   * canonical names removed and the channels still subscribed, and rejects a channel that was
   * not subscribed.
   */
  unsubscribe(connection: RealtimeConnection, channels: unknown): UnsubscribeAck {
    const state = this.states.get(connection.id);
    const list = listOf(channels);
    if (!state || typeof list === 'string') {
      return {
        ...refused(typeof list === 'string' ? list : CLOSED, [...(state?.channels ?? [])]),
        unsubscribed: [],
      };
    }
    const rejected: SubscriptionAck['rejected'] = [];
    const unsubscribed: string[] = [];
    for (const raw of list) {
      const parsed = this.parse(raw);
      if ('reason' in parsed) {
        rejected.push({ channel: String(raw), reason: parsed.reason });
      } else if (state.channels.delete(parsed.channel)) {
        this.forget(state, parsed.channel);
        unsubscribed.push(parsed.channel);
      } else if (!unsubscribed.includes(parsed.channel)) {
        rejected.push({ channel: parsed.channel, reason: 'not subscribed' });
      }
    }
    if (unsubscribed.length > 0) {
      this.symbolsChanged([]);
    }
    return {
      ok: unsubscribed.length > 0,
      subscribed: [...state.channels],
      rejected,
      unsubscribed,
      results: [
        ...unsubscribed.map((channel) => ({ channel, ok: true })),
        ...rejected.map(({ channel, reason }) => ({ channel, ok: false, reason })),
      ],
    };
  }

  /** Symbols at least one client follows. */
  followedSymbols(): string[] {
    const symbols = new Set<string>();
    for (const state of this.states.values()) {
      for (const channel of state.channels) {
        const symbol = symbolOf(channel);
        if (symbol) {
          symbols.add(symbol);
        }
      }
    }
    return [...symbols];
  }

  /** Called with every followed symbol whenever the set changes, and the newly followed ones. */
  onSymbolsChanged(listener: (symbols: string[], added: string[]) => void): void {
    this.symbolListeners.add(listener);
  }

  stats(): { connections: number; subscriptions: number; messagesSent: number } {
    let subscriptions = 0;
    this.states.forEach((s) => (subscriptions += s.channels.size));
    return { connections: this.states.size, subscriptions, messagesSent: this.messagesSent };
  }

  private parse(raw: unknown): { channel: string } | { reason: string } {
    return parseChannel(raw, (token) => this.coins.find(token)?.symbol);
  }

  /** Drops what the connection held for a channel it left. */
  private forget(state: ConnectionState, channel: string): void {
    state.delivered.delete(channel);
    const symbol = symbolOf(channel);
    if (symbol) {
      state.prices.forget(symbol);
    }
  }

  private isFollowed(symbol: string): boolean {
    const channel = priceChannel(symbol);
    return [...this.states.values()].some((s) => s.channels.has(channel));
  }

  private symbolsChanged(added: string[]): void {
    const symbols = this.followedSymbols();
    this.symbolListeners.forEach((listener) => listener(symbols, added));
  }

  /**
   * Each channel's snapshot, unless an event went out on it first (also while a snapshot was
   * being read). A price snapshot goes through the throttle: it is the first price of its window.
   */
  private async sendSnapshots(state: ConnectionState, channels: string[]): Promise<void> {
    for (const channel of channels) {
      const snapshot = this.publisher.snapshot(channel);
      const data: unknown = await Promise.resolve(snapshot?.data).catch((error: unknown) => {
        this.logger.warn(`${channel} snapshot: ${(error as Error).message}`);
      });
      const open = this.states.get(state.connection.id) === state && state.channels.has(channel);
      if (!snapshot || data === undefined || !open || state.delivered.has(channel)) {
        continue;
      }
      const symbol = snapshot.event === 'price' ? symbolOf(channel) : undefined;
      if (symbol) {
        state.prices.offer(symbol, data);
      } else {
        this.send(state, snapshot.event, data);
      }
    }
  }

  private deliver(channel: string, event: ServerEventName, data: unknown): void {
    const symbol = event === 'price' ? symbolOf(channel) : undefined;
    for (const state of this.states.values()) {
      if (!state.channels.has(channel)) {
        continue;
      }
      state.delivered.add(channel);
      if (symbol) {
        state.prices.offer(symbol, data);
      } else {
        this.send(state, event, data);
      }
    }
  }

  private send(state: ConnectionState, event: ServerEventName, data: unknown): void {
    if (state.connection.buffered() > MAX_BUFFERED_BYTES) {
      state.connection.close('too slow: messages backed up past the limit');
      this.remove(state.connection);
      return;
    }
    state.connection.send(event, data);
    this.messagesSent += 1;
  }
}

/** The channels of a subscribe / unsubscribe message, or why the message is refused whole. */
function listOf(channels: unknown): unknown[] | string {
  if (!Array.isArray(channels) || channels.length === 0) {
    return 'channels must be a non-empty array';
  }
  if (channels.length > MAX_CHANNELS_PER_MESSAGE) {
    return `at most ${MAX_CHANNELS_PER_MESSAGE} channels per message (this one has ${channels.length}); none was handled`;
  }
  return channels as unknown[];
}

function refused(reason: string, subscribed: string[]): SubscriptionAck {
  return { ok: false, subscribed, rejected: [{ channel: '', reason }], results: [] };
}
