import { ProviderError, type UpstreamResponse } from '../../../core/http';

const ID = 'coingecko';
const AUTH_CODES = new Set([10002, 10005, 10010, 10011]);

/** CoinGecko's error codes live in one of several body shapes. */
export function coingeckoError(
  path: string,
  response: UpstreamResponse,
): ProviderError | undefined {
  if (response.status === 400 && /"error"\s*:\s*"invalid vs_currency"/.test(response.text)) {
    return new ProviderError({
      provider: ID,
      kind: 'bad_request',
      status: 400,
      message: `${path}: invalid vs_currency`,
    });
  }
  const code = /"error_code"\s*:\s*(\d+)/.exec(response.text)?.[1];
  if (!code || response.status === 429) {
    return undefined;
  }
  const numeric = Number(code);
  if (AUTH_CODES.has(numeric)) {
    return new ProviderError({
      provider: ID,
      kind: 'auth',
      status: response.status,
      message: `${path}: API key or plan rejected (error ${numeric}); check COINGECKO_API_KEY and COINGECKO_API_PLAN`,
    });
  }
  if (numeric === 10012) {
    return new ProviderError({
      provider: ID,
      kind: 'bad_request',
      status: response.status,
      message: `${path}: history beyond what the plan allows (error 10012)`,
    });
  }
  return undefined;
}
