import type { CoinListing } from '../provider.types';

/** What another upstream says a coin is: its ticker and its display name. */
export interface ForeignCoin {
  symbol: string;
  name: string;
}

/** Names compared without case, spaces or punctuation ("USD Coin" = "usd-coin"). */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function key(coin: ForeignCoin): string {
  return `${coin.symbol.toUpperCase()}|${nameKey(coin.name)}`;
}

/**
 * Maps another upstream's coins (CoinPaprika `btc-bitcoin`, CoinLore `"90"`) to the CoinGecko
 * listings the service names coins by, on ticker AND name together: tickers collide (a small coin
 * may share Bitcoin's), so a ticker alone would hand one coin's numbers to another. A pair that
 * two listings share is ambiguous and maps to nothing; a coin not in the listings is left out,
 * never guessed.
 */
export class CoinIdMap {
  private readonly byKey = new Map<string, CoinListing | null>();
  private readonly byId = new Map<string, CoinListing>();

  constructor(listings: readonly CoinListing[]) {
    for (const listing of listings) {
      this.byId.set(listing.id, listing);
      const k = key(listing);
      const seen = this.byKey.get(k);
      this.byKey.set(k, seen === undefined || seen?.id === listing.id ? listing : null);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The CoinGecko listing of a foreign coin, when exactly one matches its ticker and name. */
  lookup(coin: ForeignCoin): CoinListing | undefined {
    return this.byKey.get(key(coin)) ?? undefined;
  }

  /** The CoinGecko listing of an id, to look the coin up at another upstream by ticker and name. */
  listingOf(id: string): CoinListing | undefined {
    return this.byId.get(id);
  }

  /** Each foreign row with the listing it maps to; unmapped rows are dropped. */
  mapAll<T extends ForeignCoin>(rows: readonly T[]): { row: T; listing: CoinListing }[] {
    return rows.flatMap((row) => {
      const listing = this.lookup(row);
      return listing ? [{ row, listing }] : [];
    });
  }
}
