import { TOPIC_CHANNELS } from '../channels';
import { stamped } from '../realtime-events.types';

/** The path of the AsyncAPI page that documents both transports. */
export const ASYNCAPI_PAGE = '/asyncapi';

/**
 * The first message a /ws client receives, before it says anything: what it can subscribe to,
 * how, and the latest market snapshot (null before the first market collection), so that a client
 * that only prints what arrives learns something at once.
 */
export function welcomeMessage(market: unknown): object {
  return stamped({
    message:
      'Send {"action":"subscribe","channels":["prices:BTC","market"]} to follow channels; ' +
      '{"action":"auth","token":"<API key or JWT>"} first to use a key.',
    channels: ['prices:<SYMBOL>', ...TOPIC_CHANNELS],
    subscribe: { action: 'subscribe', channels: ['prices:BTC', 'market'] },
    docs: ASYNCAPI_PAGE,
    market,
    ts: Date.now(),
  });
}
