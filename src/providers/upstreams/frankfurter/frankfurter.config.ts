import { urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const frankfurterConfig = defineUpstreamConfig({
  id: 'frankfurter',
  variables: {
    FRANKFURTER_BASE_URL: urlVar('https://api.frankfurter.dev/v1').describe(
      'base URL of the Frankfurter v1 API (ECB reference rates)',
    ),
  },
  settings: (env) => ({ baseUrl: env.FRANKFURTER_BASE_URL }),
  baseUrl: (settings) => settings.baseUrl,
});
