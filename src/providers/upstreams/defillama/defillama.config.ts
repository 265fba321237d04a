import { urlVar } from '../../../core/config/env-parsers';
import { defineUpstreamConfig } from '../../../core/config/upstream-config';

export const defillamaConfig = defineUpstreamConfig({
  id: 'defillama',
  variables: {
    DEFILLAMA_BASE_URL: urlVar('https://api.llama.fi').describe('base URL'),
  },
  settings: (env) => ({ baseUrl: env.DEFILLAMA_BASE_URL }),
  baseUrl: (settings) => settings.baseUrl,
});
