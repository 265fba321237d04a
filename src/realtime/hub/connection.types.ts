import type { Caller } from '../../auth/caller.types';
import type { ServerEventName } from '../realtime-events.types';
import type { PriceThrottle } from './price-throttle';

/**
 * One message to many connections of one transport, encoded once: a tick's fan-out then costs
 * one write per client instead of an encoding and a write.
 */
export interface SharedSend {
  send(connections: RealtimeConnection[], event: ServerEventName, data: unknown): void;
}

/** One client connection, whichever transport carries it. */
export interface RealtimeConnection {
  readonly id: string;
  readonly caller: Caller;
  send(event: ServerEventName | 'subscribed', data: unknown): void;
  /** The transport's shared send, when it has one; `send` otherwise. */
  shared?: SharedSend;
  /** Bytes waiting to be written to the client. */
  buffered(): number;
  close(reason: string): void;
}

/** What the hub keeps for a connection it admitted. */
export interface ConnectionState {
  connection: RealtimeConnection;
  channels: Set<string>;
  /** Channels something was delivered on since subscribing: their snapshot is out of date. */
  delivered: Set<string>;
  /** At most one price per symbol per window; the newest held back goes out at its end. */
  prices: PriceThrottle;
}
