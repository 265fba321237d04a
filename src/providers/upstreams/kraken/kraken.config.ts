import { urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const krakenConfig = defineUpstreamConfig({
  id: 'kraken',
  variables: {
    KRAKEN_BASE_URL: urlVar('https://api.kraken.com').describe('base URL'),
  },
  settings: (env) => ({ baseUrl: env.KRAKEN_BASE_URL }),
  baseUrl: (settings) => settings.baseUrl,
});
