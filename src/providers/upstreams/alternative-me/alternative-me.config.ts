import { urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const alternativeMeConfig = defineUpstreamConfig({
  id: 'alternative-me',
  variables: {
    FEAR_GREED_BASE_URL: urlVar('https://api.alternative.me').describe(
      'base URL of the Fear & Greed index',
    ),
  },
  settings: (env) => ({ baseUrl: env.FEAR_GREED_BASE_URL }),
  baseUrl: (settings) => settings.baseUrl,
});
