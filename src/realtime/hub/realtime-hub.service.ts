import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../core/config';
import { RealtimePublisher } from '../../core/realtime/realtime.publisher';
import { CoinCatalogue } from '../../market/coins/coin-catalogue';
import { parseChannel, symbolOf } from '../channels';
import type { ServerEventName, SubscriptionAck, UnsubscribeAck } from '../realtime-events.types';
import { ConnectionAdmission } from './connection.admission';
import type { ConnectionState, RealtimeConnection } from './connection.types';
import { PriceThrottle } from './price-throttle';
import { SendBatch } from './send-batch';
import { SubscriptionRegistry } from './subscription.registry';

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
 * at most one price per symbol per REALTIME_THROTTLE_MS per client (PriceThrottle; the newest is
 * sent when the window ends), per-tier limits (ConnectionAdmission), and slow clients dropped.
 * Who follows what is the SubscriptionRegistry's, indexed by channel.
 */
@Injectable()
export class RealtimeHub implements OnModuleDestroy {
  private readonly logger = new Logger(RealtimeHub.name);
  private readonly registry = new SubscriptionRegistry();
  private readonly admission = new ConnectionAdmission();
  private readonly symbolListeners = new Set<(symbols: string[], added: string[]) => void>();
  private readonly stopListening: () => void;
  /** While a published event is delivered: the connections due to get it. */
  private batch?: SendBatch;
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
    for (const state of this.registry.all()) {
      state.prices.clear();
    }
  }

  /** Registers a connection, or says why its tier allows no more. */
  admit(connection: RealtimeConnection): string | undefined {
    const refusal = this.admission.admit(connection.caller);
    if (refusal !== undefined) {
      return refusal;
    }
    const state: ConnectionState = {
      connection,
      channels: new Set(),
      delivered: new Set(),
      prices: new PriceThrottle(this.config.realtime.throttleMs, (data) => {
        if (this.registry.holds(state)) {
          this.send(state, 'price', data);
        }
      }),
    };
    this.registry.add(state);
    return undefined;
  }

  remove(connection: RealtimeConnection): void {
    const state = this.registry.remove(connection.id);
    if (!state) {
      return;
    }
    state.prices.clear();
    this.admission.release(connection.caller);
    if (state.channels.size > 0) {
      this.symbolsChanged([]);
    }
  }

  /** Closes every connection opened with this key (revoked: it may no longer stream). */
  closeKey(keyId: number, reason: string): number {
    const opened = [...this.registry.all()].filter((s) => s.connection.caller.keyId === keyId);
    for (const state of opened) {
      state.connection.close(reason);
      this.remove(state.connection);
    }
    return opened.length;
  }

  subscribe(connection: RealtimeConnection, channels: unknown): SubscriptionAck {
    const state = this.registry.get(connection.id);
    const list = listOf(channels);
    if (!state || typeof list === 'string') {
      return refused(typeof list === 'string' ? list : CLOSED, []);
    }
    const ack: SubscriptionAck = { ok: false, subscribed: [], rejected: [], results: [] };
    const reject = (channel: string, reason: string) => {
      ack.rejected.push({ channel, reason });
      ack.results.push({ channel, ok: false, reason });
    };
    const addedSymbols: string[] = [];
    for (const raw of list) {
      const parsed = this.parse(raw);
      const refusal =
        'reason' in parsed || state.channels.has(parsed.channel)
          ? undefined
          : this.admission.subscriptionRefusal(connection.caller, state.channels.size);
      if ('reason' in parsed) {
        reject(String(raw), parsed.reason);
      } else if (refusal !== undefined) {
        reject(parsed.channel, refusal);
      } else {
        const symbol = symbolOf(parsed.channel);
        const newlyFollowed = symbol !== undefined && !this.registry.isFollowed(symbol);
        if (this.registry.subscribe(state, parsed.channel) && newlyFollowed) {
          addedSymbols.push(symbol);
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
    const state = this.registry.get(connection.id);
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
      } else if (this.registry.unsubscribe(state, parsed.channel)) {
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
    return this.registry.followedSymbols();
  }

  /** Called with every followed symbol whenever the set changes, and the newly followed ones. */
  onSymbolsChanged(listener: (symbols: string[], added: string[]) => void): void {
    this.symbolListeners.add(listener);
  }

  stats(): { connections: number; subscriptions: number; messagesSent: number } {
    return {
      connections: this.registry.size,
      subscriptions: this.registry.subscriptionCount,
      messagesSent: this.messagesSent,
    };
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
      const open = this.registry.holds(state) && state.channels.has(channel);
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
    const outer = this.batch;
    const batch = (this.batch = new SendBatch());
    try {
      // A slow client removed by send() leaves the set mid-loop; a Set's iteration allows that.
      for (const state of this.registry.subscribersOf(channel)) {
        state.delivered.add(channel);
        if (symbol) {
          state.prices.offer(symbol, data);
        } else {
          this.send(state, event, data);
        }
      }
    } finally {
      this.batch = outer;
      // Still within the publish: nothing else can reach these clients in between.
      batch.flush(event, data);
    }
  }

  /**
   * Every send of one delivery carries that delivery's event and data (a price held back by the
   * throttle goes out later, from its timer, outside any delivery).
   */
  private send(state: ConnectionState, event: ServerEventName, data: unknown): void {
    if (state.connection.buffered() > MAX_BUFFERED_BYTES) {
      state.connection.close('too slow: messages backed up past the limit');
      this.remove(state.connection);
      return;
    }
    const shared = state.connection.shared;
    if (this.batch && shared) {
      this.batch.add(shared, state.connection);
    } else {
      state.connection.send(event, data);
    }
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
