import { urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const coinbaseConfig = defineUpstreamConfig({
  id: 'coinbase',
  variables: {
    COINBASE_BASE_URL: urlVar('https://api.exchange.coinbase.com').describe(
      'Coinbase Exchange public REST base URL (keyless market data)',
    ),
  },
  settings: (env) => ({ baseUrl: env.COINBASE_BASE_URL }),
  baseUrl: (settings) => settings.baseUrl,
});
