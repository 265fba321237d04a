import { priceChannel, symbolOf } from '../channels';
import type { ConnectionState } from './connection.types';

const NONE: ReadonlySet<ConnectionState> = new Set();

/**
 * The admitted connections and what each follows, indexed both ways: by connection, and by
 * channel for the fan-out, so a publish visits only the channel's subscribers and the followed
 * symbols are the index's keys, never a scan of every connection.
 */
export class SubscriptionRegistry {
  private readonly connections = new Map<string, ConnectionState>();
  private readonly byChannel = new Map<string, Set<ConnectionState>>();
  private subscriptions = 0;

  get size(): number {
    return this.connections.size;
  }

  get subscriptionCount(): number {
    return this.subscriptions;
  }

  get(id: string): ConnectionState | undefined {
    return this.connections.get(id);
  }

  /** Whether this state is still the registered one for its connection (not removed since). */
  holds(state: ConnectionState): boolean {
    return this.connections.get(state.connection.id) === state;
  }

  all(): IterableIterator<ConnectionState> {
    return this.connections.values();
  }

  add(state: ConnectionState): void {
    this.connections.set(state.connection.id, state);
  }

  /** Removes the connection and its subscriptions; the state it had, if it was registered. */
  remove(id: string): ConnectionState | undefined {
    const state = this.connections.get(id);
    if (!state) {
      return undefined;
    }
    this.connections.delete(id);
    for (const channel of state.channels) {
      this.unindex(state, channel);
    }
    return state;
  }

  /** False when the connection already followed the channel. */
  subscribe(state: ConnectionState, channel: string): boolean {
    if (state.channels.has(channel)) {
      return false;
    }
    state.channels.add(channel);
    let subscribers = this.byChannel.get(channel);
    if (!subscribers) {
      subscribers = new Set();
      this.byChannel.set(channel, subscribers);
    }
    subscribers.add(state);
    this.subscriptions += 1;
    return true;
  }

  /** False when the connection did not follow the channel. */
  unsubscribe(state: ConnectionState, channel: string): boolean {
    if (!state.channels.delete(channel)) {
      return false;
    }
    this.unindex(state, channel);
    return true;
  }

  subscribersOf(channel: string): ReadonlySet<ConnectionState> {
    return this.byChannel.get(channel) ?? NONE;
  }

  /** Symbols at least one connection follows. */
  followedSymbols(): string[] {
    const symbols: string[] = [];
    for (const channel of this.byChannel.keys()) {
      const symbol = symbolOf(channel);
      if (symbol) {
        symbols.push(symbol);
      }
    }
    return symbols;
  }

  isFollowed(symbol: string): boolean {
    return this.byChannel.has(priceChannel(symbol));
  }

  private unindex(state: ConnectionState, channel: string): void {
    const subscribers = this.byChannel.get(channel);
    if (subscribers?.delete(state)) {
      this.subscriptions -= 1;
      if (subscribers.size === 0) {
        this.byChannel.delete(channel);
      }
    }
  }
}
