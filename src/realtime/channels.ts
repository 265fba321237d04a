/** Channels besides `prices:<SYMBOL>`, one per kind of event. */
export const TOPIC_CHANNELS = ['market', 'news', 'sentiment', 'providers', 'stats'] as const;
export type TopicChannel = (typeof TOPIC_CHANNELS)[number];

const PRICE_CHANNEL = /^prices:([A-Za-z0-9]{1,20})$/;

export function priceChannel(symbol: string): string {
  return `prices:${symbol}`;
}

/** The symbol of a `prices:` channel, if it is one. */
export function symbolOf(channel: string): string | undefined {
  return PRICE_CHANNEL.exec(channel)?.[1];
}

/**
 * A channel as clients may name it: `prices:<SYMBOL>` for a coin the service knows (any case),
 * or one of the topics. Anything else comes back with the reason.
 */
export function parseChannel(
  raw: unknown,
  isKnownSymbol: (symbol: string) => boolean,
): { channel: string } | { reason: string } {
  if (typeof raw !== 'string') {
    return { reason: 'a channel is a string' };
  }
  if ((TOPIC_CHANNELS as readonly string[]).includes(raw)) {
    return { channel: raw };
  }
  const symbol = PRICE_CHANNEL.exec(raw)?.[1]?.toUpperCase();
  if (symbol) {
    return isKnownSymbol(symbol)
      ? { channel: priceChannel(symbol) }
      : { reason: `unknown symbol ${symbol}` };
  }
  return {
    reason: `unknown channel; use prices:<SYMBOL>, ${TOPIC_CHANNELS.join(', ')}`,
  };
}
