import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ServerEventName } from '../../realtime/realtime-events.types';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ClusterBus } from './cluster-bus';

/**
 * Real-time fan-out across replicas at the publisher: every event published on one replica is
 * published on every other, so Socket.IO and `/ws` clients alike get it wherever they are
 * connected, through the same per-client throttle and snapshots as local events. Events that
 * arrived from another replica are not sent on again.
 */
@Injectable()
export class RealtimeRelay implements OnModuleInit {
  private relaying = false;

  constructor(
    private readonly publisher: RealtimePublisher,
    private readonly bus: ClusterBus,
  ) {}

  onModuleInit(): void {
    if (!this.bus.shared) {
      return;
    }
    this.publisher.onPublish((channel, event, data) => {
      if (!this.relaying) {
        void this.bus.publish('realtime', { channel, event, data });
      }
    });
    this.bus.on('realtime', ({ channel, event, data }) => {
      // Listeners run synchronously inside publish, so the flag covers exactly this event.
      this.relaying = true;
      try {
        this.publisher.publish(channel, event as ServerEventName, data);
      } finally {
        this.relaying = false;
      }
    });
  }
}
