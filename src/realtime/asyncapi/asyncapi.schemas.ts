/** JSON Schemas of the stream's payloads, as the AsyncAPI document names them. */

const instant = {
  ts: { type: 'integer', description: 'Epoch milliseconds.', examples: [1764720000000] },
  time: {
    type: 'string',
    format: 'date-time',
    description: 'The same instant as ts, in ISO 8601 as the REST answers write instants.',
    examples: ['2026-12-03T00:00:00.000Z'],
  },
};
const nullableNumber = { type: ['number', 'null'] };
const channelList = { type: 'array', items: { type: 'string' }, examples: [['prices:BTC']] };

export const ASYNCAPI_SCHEMAS = {
  price: {
    type: 'object',
    required: ['symbol', 'price', 'change_24h', 'volume_24h', 'provider', 'ts', 'time'],
    properties: {
      symbol: { type: 'string', examples: ['BTC'] },
      price: { type: 'number', description: 'USD (USDT on Binance).', examples: [97123.45] },
      change_24h: { ...nullableNumber, description: 'Percent over 24 h; null when unknown.' },
      volume_24h: { ...nullableNumber, description: '24 h volume in USD; null when unknown.' },
      provider: { type: 'string', examples: ['binance'] },
      ...instant,
    },
  },
  market: {
    type: 'object',
    description: 'The market overview: the `data` of GET /api/market (see /docs).',
  },
  news: {
    type: 'array',
    description: 'Headlines stored by the latest feed run: items as GET /api/news lists them.',
    items: { type: 'object' },
  },
  sentiment: {
    type: 'object',
    description: 'The mood summary of GET /api/sentiment, after each sentiment job run.',
  },
  providers: {
    type: 'array',
    description: 'On subscribe, every provider; afterwards the providers whose state changed.',
    items: {
      type: 'object',
      required: ['id', 'status', 'health_score'],
      properties: {
        id: { type: 'string', examples: ['coingecko'] },
        status: { type: 'string', enum: ['active', 'degraded', 'down', 'disabled'] },
        health_score: { type: 'number', minimum: 0, maximum: 100 },
      },
    },
  },
  stats: {
    type: 'object',
    required: ['connections', 'subscriptions', 'messages_sent', 'ts', 'time'],
    properties: {
      connections: { type: 'integer' },
      subscriptions: { type: 'integer' },
      messages_sent: { type: 'integer' },
      requests_1h: { type: 'integer', description: 'HTTP requests answered in the last hour.' },
      average_response_time_ms: { type: 'number' },
      ...instant,
    },
  },
  subscribeRequest: {
    type: 'object',
    required: ['channels'],
    description:
      'Socket.IO: the payload of the `subscribe` event. /ws: the message with `"action":"subscribe"`.',
    properties: {
      action: { type: 'string', const: 'subscribe', description: '/ws only.' },
      channels: {
        ...channelList,
        minItems: 1,
        maxItems: 100,
        description:
          'prices:<SYMBOL> (a ticker in any case or a CoinGecko id), market, news, sentiment, providers, stats.',
        examples: [['prices:BTC', 'market']],
      },
    },
  },
  unsubscribeRequest: {
    type: 'object',
    required: ['channels'],
    properties: {
      action: { type: 'string', const: 'unsubscribe', description: '/ws only.' },
      channels: { ...channelList, minItems: 1, maxItems: 100 },
    },
  },
  auth: {
    type: 'object',
    required: ['action', 'token'],
    description: '/ws only, as the first message: admits the connection with the key’s tier.',
    properties: {
      action: { type: 'string', const: 'auth' },
      token: { type: 'string', description: 'An API key or a JWT.' },
    },
  },
  ping: {
    type: 'object',
    required: ['action'],
    properties: { action: { type: 'string', const: 'ping' } },
  },
  ack: {
    type: 'object',
    required: ['ok', 'subscribed', 'rejected', 'results'],
    description:
      'The answer to subscribe (Socket.IO: the ack; /ws: the `subscribed` event) and to unsubscribe (`unsubscribed`).',
    properties: {
      ok: { type: 'boolean', description: 'True when at least one channel was accepted.' },
      subscribed: { ...channelList, description: 'Channels the connection follows now.' },
      rejected: {
        type: 'array',
        items: {
          type: 'object',
          required: ['channel', 'reason'],
          properties: { channel: { type: 'string' }, reason: { type: 'string' } },
        },
      },
      results: {
        type: 'array',
        description:
          'One entry per channel named, in order (empty when the message was refused whole).',
        items: {
          type: 'object',
          required: ['channel', 'ok'],
          properties: {
            channel: { type: 'string', description: 'Canonical name when understood.' },
            ok: { type: 'boolean' },
            reason: { type: 'string' },
          },
        },
      },
      unsubscribed: { ...channelList, description: 'Unsubscribe only: the channels left.' },
    },
  },
  welcome: {
    type: 'object',
    required: ['message', 'channels', 'subscribe', 'docs', 'market', 'ts', 'time'],
    description: '/ws only: sent at once on connecting, before any message.',
    properties: {
      message: { type: 'string' },
      channels: channelList,
      subscribe: { type: 'object', description: 'A subscribe message to copy.' },
      docs: { type: 'string', examples: ['/asyncapi'] },
      market: { description: 'The latest market snapshot; null before the first collection.' },
      ...instant,
    },
  },
  ready: {
    type: 'object',
    required: ['tier'],
    description: '/ws only: the connection was admitted, with this tier.',
    properties: { tier: { type: 'string', examples: ['free'] } },
  },
  pong: { type: 'object', required: ['ts', 'time'], properties: { ...instant } },
  error: {
    type: 'object',
    required: ['message'],
    description:
      '/ws: a message that could not be handled, or the reason before a refusal closes the socket.',
    properties: { message: { type: 'string' } },
  },
  dropped: {
    type: 'object',
    required: ['reason'],
    description:
      'Socket.IO: sent before the server disconnects the client (slow client, revoked key).',
    properties: { reason: { type: 'string' } },
  },
};
