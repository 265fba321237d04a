import type { AppConfig } from '../../core/config';
import type { AppInfo } from '../../core/app-info';
import { ASYNCAPI_SCHEMAS } from './asyncapi.schemas';

type SchemaName = keyof typeof ASYNCAPI_SCHEMAS;

/** A message whose payload is one of the schemas; `name` is the Socket.IO event / /ws `event`. */
function message(name: string, schema: SchemaName, summary: string) {
  return { name, title: name, summary, payload: { $ref: `#/components/schemas/${schema}` } };
}

const MESSAGES = {
  price: message(
    'price',
    'price',
    'A new price of the channel’s coin (at most one per REALTIME_THROTTLE_MS).',
  ),
  market: message('market', 'market', 'The market overview after each collection.'),
  news: message('news', 'news', 'Headlines the latest feed run stored.'),
  sentiment: message('sentiment', 'sentiment', 'The news mood after each scoring run.'),
  providers: message('providers', 'providers', 'Provider states: all on subscribe, then changes.'),
  stats: message('stats', 'stats', 'Connections, subscriptions and HTTP load, every few minutes.'),
  subscribe: message('subscribe', 'subscribeRequest', 'Follow channels.'),
  unsubscribe: message('unsubscribe', 'unsubscribeRequest', 'Stop following channels.'),
  subscribed: message('subscribed', 'ack', 'The answer to subscribe.'),
  unsubscribed: message('unsubscribed', 'ack', 'The answer to unsubscribe.'),
  auth: message('auth', 'auth', 'Credentials as the first /ws message.'),
  ping: message('ping', 'ping', 'A liveness check; answered with pong.'),
  pong: message('pong', 'pong', 'The answer to ping.'),
  welcome: message('welcome', 'welcome', 'How to subscribe and the market snapshot, at once.'),
  ready: message('ready', 'ready', 'Admitted, with the tier.'),
  error: message('error', 'error', 'A refused message or connection.'),
  dropped: message('dropped', 'dropped', 'Why the server is disconnecting this client.'),
};
type MessageName = keyof typeof MESSAGES;

const ref = (path: string) => ({ $ref: path });
const messagesOf = (...names: MessageName[]) =>
  Object.fromEntries(names.map((name) => [name, ref(`#/components/messages/${name}`)]));

const TOPICS = ['market', 'news', 'sentiment', 'providers', 'stats'] as const;

const CHANNELS = {
  prices: {
    address: 'prices:{symbol}',
    title: 'Prices of one coin',
    parameters: {
      symbol: {
        description: 'A ticker in any case or a CoinGecko id (prices:bitcoin is prices:BTC).',
      },
    },
    messages: messagesOf('price'),
  },
  ...Object.fromEntries(
    TOPICS.map((topic) => [topic, { address: topic, messages: messagesOf(topic) }]),
  ),
  control: {
    address: null,
    title: 'The connection itself',
    description:
      'Messages not tied to a channel. Socket.IO: events named as the messages, subscribe and ' +
      'unsubscribe answered through the Socket.IO ack. /ws: JSON text frames, client messages ' +
      '`{"action": …}` and server messages `{"event": <name>, "data": <payload>}`.',
    messages: messagesOf(
      'subscribe',
      'unsubscribe',
      'subscribed',
      'unsubscribed',
      'auth',
      'ping',
      'pong',
      'welcome',
      'ready',
      'error',
      'dropped',
    ),
  },
};

const receive = (channel: string, names: MessageName[], summary: string) => ({
  action: 'receive',
  summary,
  channel: ref(`#/channels/${channel}`),
  messages: names.map((name) => ref(`#/channels/${channel}/messages/${name}`)),
});
const request = (name: 'subscribe' | 'unsubscribe', answer: 'subscribed' | 'unsubscribed') => ({
  action: 'send',
  summary: `${name} {channels}; answered with the ack (${answer})`,
  channel: ref('#/channels/control'),
  messages: [ref(`#/channels/control/messages/${name}`)],
  reply: {
    channel: ref('#/channels/control'),
    messages: [ref(`#/channels/control/messages/${answer}`)],
  },
});

const OPERATIONS = {
  receivePrice: receive('prices', ['price'], 'Prices of a subscribed coin'),
  ...Object.fromEntries(
    TOPICS.map((topic) => [
      `receive${topic[0].toUpperCase()}${topic.slice(1)}`,
      receive(topic, [topic], `Events of the ${topic} channel; its latest value on subscribe`),
    ]),
  ),
  subscribe: request('subscribe', 'subscribed'),
  unsubscribe: request('unsubscribe', 'unsubscribed'),
  authenticate: {
    action: 'send',
    summary: '/ws: {"action":"auth","token":…} as the first message',
    channel: ref('#/channels/control'),
    messages: [ref('#/channels/control/messages/auth')],
  },
  ping: {
    action: 'send',
    summary: '/ws: {"action":"ping"}',
    channel: ref('#/channels/control'),
    messages: [ref('#/channels/control/messages/ping')],
    reply: {
      channel: ref('#/channels/control'),
      messages: [ref('#/channels/control/messages/pong')],
    },
  },
  receiveConnectionEvents: receive(
    'control',
    ['welcome', 'ready', 'error', 'dropped'],
    'What the server says about the connection',
  ),
};

const AUTHENTICATION =
  'Credentials are optional: without, a client is anonymous on the free tier, counted per ' +
  'address. Socket.IO: `auth: {token}` in the handshake, or an `Authorization: Bearer` / ' +
  '`X-API-Key` header; a refused handshake fails with the reason as the connect_error message. ' +
  '/ws: `?token=` on the URL, one of those headers on the upgrade, or ' +
  '`{"action":"auth","token":…}` as the first message; a client that sends nothing is admitted ' +
  'anonymously after 2 s.';
const CLOSE_CODES =
  '/ws close codes: 4003 refused (bad credentials, tier connection limit, revoked key, slow ' +
  'client; an `error` event with the reason comes first), 1009 a message over 64 KiB; at ' +
  'shutdown the server ends connections without a close frame (1006). Upgrades to any other path are answered 404. Heartbeats: the server ' +
  'pings every WEBSOCKET_HEARTBEAT_INTERVAL s and cuts a client silent for ' +
  'WEBSOCKET_HEARTBEAT_TIMEOUT s.';

/** The AsyncAPI 3 description of both real-time transports, served at /asyncapi.json. */
export function buildAsyncApiDocument(config: AppConfig, info: AppInfo): object {
  const publicUrl = config.server.publicUrl ? new URL(config.server.publicUrl) : undefined;
  const host = publicUrl?.host ?? `localhost:${config.server.port}`;
  const protocol = publicUrl?.protocol === 'https:' ? 'wss' : 'ws';
  const security = [
    ref('#/components/securitySchemes/apiKey'),
    ref('#/components/securitySchemes/bearer'),
  ];
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Crypto-DT-Source streams',
      version: info.version,
      description:
        'Prices, market, news, sentiment, provider and service events over Socket.IO and a ' +
        'plain WebSocket, with the same channels and payloads. Every payload with `ts` (epoch ms) ' +
        `carries \`time\` (ISO 8601) beside it.\n\n${AUTHENTICATION}\n\n${CLOSE_CODES}`,
    },
    defaultContentType: 'application/json',
    servers: {
      socketio: {
        host,
        protocol,
        pathname: '/socket.io',
        title: 'Socket.IO',
        description: 'Socket.IO 4 (websocket or polling transport).',
        security,
      },
      ws: {
        host,
        protocol,
        pathname: '/ws',
        title: 'Plain WebSocket',
        description: 'JSON text frames; see the control channel.',
        security: [...security, ref('#/components/securitySchemes/queryToken')],
      },
    },
    channels: CHANNELS,
    operations: OPERATIONS,
    components: {
      schemas: ASYNCAPI_SCHEMAS,
      messages: MESSAGES,
      securitySchemes: {
        apiKey: { type: 'httpApiKey', name: 'X-API-Key', in: 'header', description: 'An API key.' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A JWT or an API key.' },
        queryToken: {
          type: 'httpApiKey',
          name: 'token',
          in: 'query',
          description: '/ws only: an API key or a JWT.',
        },
      },
    },
  };
}
