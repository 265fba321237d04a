import type { SentimentSummaryDto } from '../sentiment/dto/sentiment-summary.dto';

/**
 * Server → client events and their payloads (both transports carry the same ones). A payload with
 * `ts` (epoch ms) is sent with `time` beside it, the same instant in ISO 8601 as REST writes it.
 */
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

/** Adds `time` (ISO 8601) beside a payload's `ts` (epoch ms), once, where every event passes. */
export function stamped<T>(data: T): T | (T & { time: string }) {
  const ts = (data as { ts?: unknown } | null)?.ts;
  return typeof ts === 'number' ? { ...data, time: new Date(ts).toISOString() } : data;
}

/** The outcome for one channel named in subscribe / unsubscribe, in the order they were named. */
export interface ChannelResult {
  /** The canonical name when the channel was understood, else as the client wrote it. */
  channel: string;
  ok: boolean;
  reason?: string;
}

/** The answer to subscribe / unsubscribe. */
export interface SubscriptionAck {
  /** True when at least one channel was accepted. */
  ok: boolean;
  /** Every channel the connection follows after this message (subscribe: the ones it accepted). */
  subscribed: string[];
  rejected: { channel: string; reason: string }[];
  results: ChannelResult[];
}

/** The answer to unsubscribe: `subscribed` is what the connection still follows. */
export interface UnsubscribeAck extends SubscriptionAck {
  /** The canonical names of the channels left. */
  unsubscribed: string[];
}
