import { urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const okxConfig = defineUpstreamConfig({
  id: 'okx',
  variables: {
    OKX_BASE_URL: urlVar('https://www.okx.com/api/v5').describe(
      'OKX public REST v5 base URL (keyless market data; app.okx.com or my.okx.com by region)',
    ),
  },
  settings: (env) => ({ baseUrl: env.OKX_BASE_URL }),
  baseUrl: (settings) => settings.baseUrl,
});
