import type { KnownCoin, QuoteSpec } from '../core/config';
import { ProviderError } from '../core/http';
import type {
  CallContext,
  PriceQuote,
  PriceSource,
  UpstreamAdapter,
} from '../providers/provider.types';
import { numberAt } from './json-path';
import { safeFetch, UnsafeTargetError } from './safe-fetch';

const MAX_BODY_BYTES = 256 * 1024;
/** Per-coin requests: a few coins at a time keeps a small free API within its limits. */
const CONCURRENT_COINS = 3;
/**
 * One call quotes at most this many coins (the rest are reported missing): a request for many
 * symbols would otherwise spend a free API's limit on one answer.
 */
export const MAX_COINS_PER_CALL = 10;
/** One coin's answer can lack a price without saying anything about the others. */
const COIN_LEVEL_KINDS: readonly ProviderError['kind'][] = ['not_found', 'bad_payload'];

export interface DiscoveredQuoteOptions {
  id: string;
  baseUrl: string;
  spec: QuoteSpec;
  timeoutMs: number;
  allowedAddresses: readonly string[];
}

/**
 * A discovered provider an admin enabled: one GET per coin on the catalogue's quote path, the
 * numbers read at the catalogue's JSON paths. Every request goes through the SSRF guard, since
 * the URL came from a catalogue.
 */
export class DiscoveredQuoteAdapter implements UpstreamAdapter, PriceSource {
  readonly categories = ['prices'] as const;

  constructor(private readonly options: DiscoveredQuoteOptions) {}

  get id(): string {
    return this.options.id;
  }

  async ping({ ctx }: { ctx: CallContext }): Promise<void> {
    await this.quote({ symbol: 'BTC', name: 'Bitcoin', coingeckoId: 'bitcoin' }, ctx);
  }

  /**
   * The coins it could quote, in the order asked. A coin without a price is a gap, not a
   * failure; a rate limit, timeout or network error stops further requests, and the call fails
   * only when no coin was quoted.
   */
  async getPrices({ coins, ctx }: { coins: KnownCoin[]; ctx: CallContext }): Promise<PriceQuote[]> {
    const queue = coins.filter((coin) => !coin.sharesTicker).slice(0, MAX_COINS_PER_CALL);
    const quotes = new Map<string, PriceQuote>();
    let failure: Error | undefined;
    const worker = async () => {
      for (let coin = queue.shift(); coin && failure === undefined; coin = queue.shift()) {
        try {
          quotes.set(coin.symbol, await this.quote(coin, ctx));
        } catch (error) {
          if (!(error instanceof ProviderError) || !COIN_LEVEL_KINDS.includes(error.kind)) {
            failure ??= error as Error;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_COINS }, worker));
    if (quotes.size === 0 && failure !== undefined) {
      throw failure;
    }
    return coins.flatMap((coin) => quotes.get(coin.symbol) ?? []);
  }

  private async quote(coin: KnownCoin, ctx: CallContext): Promise<PriceQuote> {
    const path = this.options.spec.path
      .replaceAll('{SYMBOL}', encodeURIComponent(coin.symbol.toUpperCase()))
      .replaceAll('{symbol}', encodeURIComponent(coin.symbol.toLowerCase()));
    const json = await this.fetchJson(`${this.options.baseUrl}${path}`, ctx);
    const price = numberAt(json, this.options.spec.price);
    if (price === null || price <= 0) {
      throw this.error(
        'bad_payload',
        `no price at "${this.options.spec.price}" for ${coin.symbol}`,
      );
    }
    return {
      symbol: coin.symbol,
      name: coin.name,
      price,
      change24h: numberAt(json, this.options.spec.change24h),
      volume24h: numberAt(json, this.options.spec.volume24h),
      marketCap: null,
      lastUpdated: new Date(),
      timeUnknown: true,
    };
  }

  private async fetchJson(url: string, ctx: CallContext): Promise<unknown> {
    if (ctx.signal.aborted) {
      throw this.error('timeout', 'the request deadline passed');
    }
    let result;
    try {
      result = await safeFetch(url, {
        timeoutMs: this.options.timeoutMs,
        maxBytes: MAX_BODY_BYTES,
        allowedAddresses: this.options.allowedAddresses,
        signal: ctx.signal,
      });
    } catch (error) {
      const unsafe = error instanceof UnsafeTargetError;
      throw this.error(unsafe ? 'bad_request' : 'network', (error as Error).message);
    }
    if (result.status !== 200) {
      throw this.error(statusKind(result.status), `HTTP ${result.status}`, result.status);
    }
    try {
      return JSON.parse(result.body) as unknown;
    } catch {
      throw this.error('bad_payload', 'the answer is not JSON');
    }
  }

  private error(kind: ProviderError['kind'], message: string, status?: number): ProviderError {
    return new ProviderError({ provider: this.options.id, kind, message, status });
  }
}

function statusKind(status: number): ProviderError['kind'] {
  if (status === 404 || status === 400) {
    return 'not_found';
  }
  if (status === 429) {
    return 'rate_limited';
  }
  return status >= 500 ? 'upstream_5xx' : 'bad_request';
}
