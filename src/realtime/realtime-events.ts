import type { SentimentSummaryDto } from '../sentiment/dto/sentiment-summary.dto';

/** Server → client events and their payloads (both transports carry the same ones). */
export interface PriceEvent {
  symbol: string;
  price: number;
  change_24h: number | null;
  volume_24h: number | null;
  provider: string;
  /** When the provider produced the value (ms since epoch). */
  ts: number;
}

export interface StatsEvent {
  connections: number;
  subscriptions: number;
  messages_sent: number;
  /** HTTP requests answered in the last hour, and their average time. */
  requests_1h: number;
  average_response_time_ms: number;
  ts: number;
}

export interface ServerEvents {
  price: PriceEvent;
  market: unknown;
  news: unknown;
  /** The mood summary of GET /api/sentiment, after each sentiment job run. */
  sentiment: SentimentSummaryDto;
  providers: unknown;
  stats: StatsEvent;
}

export type ServerEventName = keyof ServerEvents;

/** The answer to subscribe / unsubscribe. */
export interface SubscriptionAck {
  ok: boolean;
  subscribed: string[];
  rejected: { channel: string; reason: string }[];
}

/** The answer to unsubscribe: `subscribed` is what the connection still follows. */
export interface UnsubscribeAck extends SubscriptionAck {
  /** The canonical names of the channels left. */
  unsubscribed: string[];
}
