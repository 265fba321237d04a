import { urlListVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const binanceConfig = defineUpstreamConfig({
  id: 'binance',
  variables: {
    BINANCE_BASE_URLS: urlListVar(
      ['https://api.binance.com', 'https://data-api.binance.vision', 'https://api.binance.us'],
      ['http:', 'https:'],
    ).describe('REST hosts, comma-separated, tried in order (a 451 skips a host for six hours)'),
    BINANCE_WS_URLS: urlListVar(
      ['wss://data-stream.binance.vision', 'wss://stream.binance.com:9443'],
      ['ws:', 'wss:'],
    ).describe('market-stream hosts for the real-time feed, comma-separated, tried in order'),
  },
  settings: (env) => ({ baseUrls: env.BINANCE_BASE_URLS, wsUrls: env.BINANCE_WS_URLS }),
  baseUrl: (settings) => settings.baseUrls.join(','),
});
