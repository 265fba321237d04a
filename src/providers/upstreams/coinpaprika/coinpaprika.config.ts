import { urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const coinpaprikaConfig = defineUpstreamConfig({
  id: 'coinpaprika',
  variables: {
    COINPAPRIKA_BASE_URL: urlVar('https://api.coinpaprika.com/v1').describe(
      'base URL (the keyless free plan)',
    ),
  },
  settings: (env) => ({ baseUrl: env.COINPAPRIKA_BASE_URL }),
  baseUrl: (settings) => settings.baseUrl,
});
