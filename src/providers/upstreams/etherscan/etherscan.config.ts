import { optionalStringVar, urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const etherscanConfig = defineUpstreamConfig({
  id: 'etherscan',
  variables: {
    ETHERSCAN_BASE_URL: urlVar('https://api.etherscan.io/v2/api').describe('base URL'),
    ETHERSCAN_API_KEY: optionalStringVar().describe(
      'API key; the provider stays disabled without it',
    ),
  },
  settings: (env) => ({ baseUrl: env.ETHERSCAN_BASE_URL, apiKey: env.ETHERSCAN_API_KEY }),
  baseUrl: (settings) => settings.baseUrl,
});
