import type { KnownCoin } from '../../core/config';
import type { CoinListing } from '../../providers/provider.types';

/** Tickers as the API accepts them; listings with other symbols are reachable by id only. */
const TICKER = /^[A-Z0-9]{1,20}$/;

export interface CoinIndex {
  bySymbol: ReadonlyMap<string, KnownCoin>;
  byId: ReadonlyMap<string, KnownCoin>;
  /** Largest market cap first; configured coins missing from the list at the end. */
  ranked: readonly KnownCoin[];
}

/**
 * Merges the configured coins (which carry Kraken and CoinCap names) with CoinGecko's market
 * list. A ticker belongs to the coin with the largest market cap; the others are reachable by
 * id only, named by their id everywhere (responses, stored rows, cache keys) so their data never
 * mixes with the ticker owner's, and marked `sharesTicker`. Without a list, the configured coins
 * are the whole index.
 */
export function buildCoinIndex(
  configured: readonly KnownCoin[],
  listings: readonly CoinListing[],
): CoinIndex {
  const configuredById = new Map(configured.map((c) => [c.coingeckoId, c]));
  const bySymbol = new Map<string, KnownCoin>();
  const byId = new Map<string, KnownCoin>();
  const ranked: KnownCoin[] = [];
  for (const listing of [...listings].sort(byMarketCapDesc)) {
    if (byId.has(listing.id)) {
      continue;
    }
    const base = configuredById.get(listing.id) ?? {
      symbol: listing.symbol,
      name: listing.name,
      coingeckoId: listing.id,
    };
    const owner = bySymbol.get(base.symbol);
    const coin: KnownCoin = owner ? idNamed(base) : base;
    if (!owner && TICKER.test(coin.symbol)) {
      bySymbol.set(coin.symbol, coin);
    }
    byId.set(coin.coingeckoId, coin);
    ranked.push(coin);
  }
  for (const coin of configured) {
    if (!byId.has(coin.coingeckoId)) {
      const owned = bySymbol.has(coin.symbol);
      const entry: KnownCoin = owned ? idNamed(coin) : coin;
      if (!owned) {
        bySymbol.set(coin.symbol, entry);
      }
      byId.set(coin.coingeckoId, entry);
      ranked.push(entry);
    }
  }
  return { bySymbol, byId, ranked };
}

function idNamed(coin: KnownCoin): KnownCoin {
  return { ...coin, symbol: coin.coingeckoId, sharesTicker: true };
}

function byMarketCapDesc(a: CoinListing, b: CoinListing): number {
  return (b.marketCap ?? -1) - (a.marketCap ?? -1);
}
