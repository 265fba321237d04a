import type { Caller } from '../../auth/caller';
import type { ServerEventName } from '../realtime-events';
import type { PriceThrottle } from './price-throttle';

/** One client connection, whichever transport carries it. */
export interface RealtimeConnection {
  readonly id: string;
  readonly caller: Caller;
  send(event: ServerEventName | 'subscribed', data: unknown): void;
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
