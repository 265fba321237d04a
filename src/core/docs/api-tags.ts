/**
 * The tags of the OpenAPI document, in the order a data user looks for them; /docs and ReDoc
 * list them in this order. Every operation takes one of these.
 */
export const API_TAGS = {
  market: 'prices and market',
  coins: 'coins',
  history: 'OHLCV and history',
  defi: 'DeFi',
  news: 'news',
  sentiment: 'sentiment',
  realtime: 'real-time',
  auth: 'auth',
  operations: 'operations',
} as const;

export const API_TAG_DESCRIPTIONS: Record<(typeof API_TAGS)[keyof typeof API_TAGS], string> = {
  'prices and market':
    'Current prices, consensus across providers, the market overview, trending coins',
  coins:
    'The coin directory: every coin CoinGecko lists (paged, searchable), one coin in detail, the largest by market cap',
  'OHLCV and history': 'Candles and stored price history (JSON or CSV)',
  DeFi: 'Total value locked: protocols, chains, the daily chart',
  news: 'Headlines from the configured feeds, tagged with coins and scored',
  sentiment: 'Mood of the news, Fear & Greed, text scoring and the models behind it',
  'real-time':
    'Streams over Socket.IO and plain WebSocket (/ws): described in AsyncAPI at /asyncapi.json, readable at /asyncapi',
  auth: 'API keys and tokens: what a key is for and how to get one',
  operations: 'Providers and pools, health, metrics, jobs, discovery, backups, diagnostics',
};
