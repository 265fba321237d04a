import { urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const coinloreConfig = defineUpstreamConfig({
  id: 'coinlore',
  variables: {
    COINLORE_BASE_URL: urlVar('https://api.coinlore.net/api').describe('base URL'),
  },
  settings: (env) => ({ baseUrl: env.COINLORE_BASE_URL }),
  baseUrl: (settings) => settings.baseUrl,
});
