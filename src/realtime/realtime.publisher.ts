import { Global, Injectable, Module } from '@nestjs/common';
import type { ServerEventName, ServerEvents } from './realtime-events';

type Listener = (channel: string, event: ServerEventName, data: unknown) => void;

/**
 * How other modules reach real-time clients: publish an event on a channel. The latest value of
 * each channel is kept as the snapshot a new subscriber receives. No module reaches into the
 * gateways.
 */
@Injectable()
export class RealtimePublisher {
  private readonly latest = new Map<string, { event: ServerEventName; data: unknown }>();
  private readonly listeners = new Set<Listener>();

  publish<E extends ServerEventName>(channel: string, event: E, data: ServerEvents[E]): void {
    this.latest.set(channel, { event, data });
    this.listeners.forEach((listener) => listener(channel, event, data));
  }

  snapshot(channel: string): { event: ServerEventName; data: unknown } | undefined {
    return this.latest.get(channel);
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
