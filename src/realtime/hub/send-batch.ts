import type { ServerEventName } from '../realtime-events.types';
import type { RealtimeConnection, SharedSend } from './connection.types';

/** The connections due to get one delivery, by their transport's shared send. */
export class SendBatch {
  private readonly due = new Map<SharedSend, RealtimeConnection[]>();

  add(shared: SharedSend, connection: RealtimeConnection): void {
    const connections = this.due.get(shared);
    if (connections) {
      connections.push(connection);
    } else {
      this.due.set(shared, [connection]);
    }
  }

  /** One call per transport, with every connection it holds. */
  flush(event: ServerEventName, data: unknown): void {
    this.due.forEach((connections, shared) => shared.send(connections, event, data));
  }
}
