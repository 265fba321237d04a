/** Channels besides `prices:<SYMBOL>`, one per kind of event. */
export const TOPIC_CHANNELS = ['market', 'news', 'sentiment', 'providers', 'stats'] as const;
export type TopicChannel = (typeof TOPIC_CHANNELS)[number];

const PRICE_PREFIX = 'prices:';
/** What a client may put after `prices:`: a ticker or a CoinGecko id. */
const COIN_TOKEN = /^[A-Za-z0-9._-]{1,100}$/;

/** The channel a coin's prices are published on; its symbol is the coin's canonical one. */
export function priceChannel(symbol: string): string {
  return `${PRICE_PREFIX}${symbol}`;
}

/** The symbol of a canonical `prices:` channel, if it is one. */
export function symbolOf(channel: string): string | undefined {
  return channel.startsWith(PRICE_PREFIX) ? channel.slice(PRICE_PREFIX.length) : undefined;
}

/**
 * A channel as clients may name it, made canonical: `prices:<token>` with a ticker in any case
 * or a CoinGecko id becomes `prices:<the coin's symbol>`, the channel the feed publishes on; the
 * topics stay as they are. Anything else comes back with the reason.
 */
export function parseChannel(
  raw: unknown,
  symbolFor: (token: string) => string | undefined,
): { channel: string } | { reason: string } {
  if (typeof raw !== 'string') {
    return { reason: 'a channel is a string' };
  }
  if ((TOPIC_CHANNELS as readonly string[]).includes(raw)) {
    return { channel: raw };
  }
  const token = symbolOf(raw);
  if (token !== undefined && COIN_TOKEN.test(token)) {
    const symbol = symbolFor(token);
    return symbol
      ? { channel: priceChannel(symbol) }
      : { reason: `unknown symbol ${token.toUpperCase()}` };
  }
  return {
    reason: `unknown channel; use prices:<SYMBOL>, ${TOPIC_CHANNELS.join(', ')}`,
  };
}
