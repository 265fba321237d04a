import { optionalStringVar, urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const coincapConfig = defineUpstreamConfig({
  id: 'coincap',
  variables: {
    COINCAP_BASE_URL: urlVar('https://rest.coincap.io/v3').describe('base URL'),
    COINCAP_API_KEY: optionalStringVar().describe(
      'API key; the provider stays disabled without it',
    ),
  },
  settings: (env) => ({ baseUrl: env.COINCAP_BASE_URL, apiKey: env.COINCAP_API_KEY }),
  baseUrl: (settings) => settings.baseUrl,
});
