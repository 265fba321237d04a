import { optionalStringVar, urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const cryptocompareConfig = defineUpstreamConfig({
  id: 'cryptocompare',
  variables: {
    CRYPTOCOMPARE_BASE_URL: urlVar('https://min-api.cryptocompare.com').describe('base URL'),
    CRYPTOCOMPARE_API_KEY: optionalStringVar().describe(
      'API key; the provider stays disabled without it',
    ),
  },
  settings: (env) => ({ baseUrl: env.CRYPTOCOMPARE_BASE_URL, apiKey: env.CRYPTOCOMPARE_API_KEY }),
  baseUrl: (settings) => settings.baseUrl,
});
