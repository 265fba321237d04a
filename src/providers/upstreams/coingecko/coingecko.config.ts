import {
  optionalEnumVar,
  optionalStringVar,
  optionalUrlVar,
} from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

const PUBLIC_HOST = 'https://api.coingecko.com/api/v3';
const PRO_HOST = 'https://pro-api.coingecko.com/api/v3';

export const coingeckoConfig = defineUpstreamConfig({
  id: 'coingecko',
  variables: {
    COINGECKO_BASE_URL: optionalUrlVar().describe(
      `base URL; unset: ${PUBLIC_HOST}, or ${PRO_HOST} on the pro plan`,
    ),
    COINGECKO_API_KEY: optionalStringVar().describe('API key (optional)'),
    COINGECKO_API_PLAN: optionalEnumVar(['demo', 'pro']).describe(
      'demo (x-cg-demo-api-key on the public host, the default with a key) or pro (the pro host)',
    ),
  },
  settings(env, { problems }) {
    if (env.COINGECKO_API_PLAN && !env.COINGECKO_API_KEY) {
      problems.push('COINGECKO_API_PLAN: expected only together with COINGECKO_API_KEY');
    }
    const plan = env.COINGECKO_API_KEY ? (env.COINGECKO_API_PLAN ?? 'demo') : 'public';
    return {
      baseUrl: env.COINGECKO_BASE_URL ?? (plan === 'pro' ? PRO_HOST : PUBLIC_HOST),
      apiKey: env.COINGECKO_API_KEY,
      plan,
    };
  },
  baseUrl: (settings) => settings.baseUrl,
});
