import { Global, Injectable, Module } from '@nestjs/common';
import {
  type ServerEventName,
  type ServerEvents,
  stamped,
} from '../../realtime/realtime-events.types';

type Listener = (channel: string, event: ServerEventName, data: unknown) => void;

/**
 * How other modules reach real-time clients: publish an event on a channel. The latest value of
 * each channel is kept as the snapshot a new subscriber receives, unless the channel has a
 * snapshot source. No module reaches into the gateways.
 */
@Injectable()
export class RealtimePublisher {
  private readonly latest = new Map<string, { event: ServerEventName; data: unknown }>();
  private readonly listeners = new Set<Listener>();
  /** Each source's read may return a promise (a store). */
  private readonly sources = new Map<string, { event: ServerEventName; read: () => unknown }>();

  publish<E extends ServerEventName>(channel: string, event: E, data: ServerEvents[E]): void {
    const payload = stamped(data);
    this.latest.set(channel, { event, data: payload });
    this.listeners.forEach((listener) => listener(channel, event, payload));
  }

  /**
   * Makes a channel's snapshot read at subscribe time instead of being its last event: for a
   * channel whose events are changes (a new subscriber needs the whole state, not the last
   * change), or whose events are completed after they went out (headlines scored later). A read
   * may be asynchronous (a store) and may find nothing (undefined: no snapshot).
   */
  snapshotFrom<E extends ServerEventName>(
    channel: string,
    event: E,
    read: () => ServerEvents[E] | Promise<ServerEvents[E] | undefined>,
  ): void {
    this.sources.set(channel, { event, read });
  }

  /** The channel's snapshot; its data is a promise when the channel's source reads a store. */
  snapshot(channel: string): { event: ServerEventName; data: unknown } | undefined {
    const source = this.sources.get(channel);
    return source ? { event: source.event, data: source.read() } : this.latest.get(channel);
  }

  onPublish(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Global, so any feature can publish without importing the gateways. */
@Global()
@Module({ providers: [RealtimePublisher], exports: [RealtimePublisher] })
export class RealtimePublisherModule {}
