import type { AppConfig } from '../core/config';

/** The configured base URL of each catalogued provider, for display and the providers table. */
export function baseUrlOf(id: string, config: AppConfig): string {
  const u = config.upstreams;
  const urls: Record<string, string> = {
    coingecko: u.coingecko.baseUrl,
    binance: u.binance.baseUrls.join(','),
    kraken: u.kraken.baseUrl,
    coincap: u.coincap.baseUrl,
    cryptocompare: u.cryptocompare.baseUrl,
    defillama: u.defillama.baseUrl,
    'alternative-me': u.fearGreed.baseUrl,
    rss: u.newsFeeds.map((f) => f.url).join(','),
    etherscan: u.etherscan.baseUrl,
  };
  return urls[id] ?? '';
}
