/** One coin as the directory serves it. */
export interface DirectoryEntry {
  id: string;
  symbol: string;
  name: string;
  /** Market-cap rank from the market list; null when the coin is outside it. */
  rank: number | null;
  /** Chain to contract address; null when the full list has not described the coin. */
  platforms: Record<string, string> | null;
}

/** How well a coin matches a query: lower is better. */
const EXACT = 0;
const PREFIX = 1;
const SUBSTRING = 2;
const TIERS = 3;
const NAMES = new Intl.Collator('en');

interface Searchable {
  entry: DirectoryEntry;
  id: string;
  symbol: string;
  name: string;
  /** The name's words after the first, for "wormhole" to find "Ethereum (Wormhole)" as a prefix. */
  words: string[];
  /** Ticker, id and name in one string: one `includes` rules out most coins. */
  all: string;
}

/**
 * The directory in memory: every coin ordered by rank (unranked last) then name, and the same
 * entries lower-cased for search. Built once per refresh; a search is one pass over the list,
 * under a millisecond for CoinGecko's ~17,000 coins, and a page is a slice.
 */
export class DirectoryIndex {
  readonly ordered: readonly DirectoryEntry[];
  private readonly searchable: readonly Searchable[];
  private readonly byId: ReadonlyMap<string, DirectoryEntry>;

  constructor(entries: Iterable<DirectoryEntry>) {
    this.ordered = [...entries].sort(byRankThenName);
    this.byId = new Map(this.ordered.map((e) => [e.id, e]));
    this.searchable = this.ordered.map((entry) => {
      const name = entry.name.toLowerCase();
      return {
        entry,
        id: entry.id,
        symbol: entry.symbol.toLowerCase(),
        name,
        words: name
          .split(/[^\p{L}\p{N}]+/u)
          .filter(Boolean)
          .slice(1),
        all: `${entry.symbol.toLowerCase()}\n${entry.id}\n${name}`,
      };
    });
  }

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): DirectoryEntry | undefined {
    return this.byId.get(id);
  }

  page(page: number, perPage: number): DirectoryEntry[] {
    const first = (page - 1) * perPage;
    return this.ordered.slice(first, first + perPage);
  }

  /**
   * Coins whose ticker, name or id equals, starts with or contains the query, in that order of
   * relevance and, within each, by market cap (the list's order): "sol" gives Solana before the
   * bridged SOLs and tiny coins with the same ticker, and "btc" Bitcoin before a meme coin
   * calling itself BTC.
   */
  search(query: string, limit: number): DirectoryEntry[] {
    const q = query.trim().toLowerCase();
    const tiers: DirectoryEntry[][] = Array.from({ length: TIERS }, () => []);
    for (const s of this.searchable) {
      const tier = matchTier(s, q);
      if (tier !== undefined && tiers[tier].length < limit) {
        tiers[tier].push(s.entry);
        if (tier === EXACT && tiers[EXACT].length === limit) {
          break;
        }
      }
    }
    return tiers.flat().slice(0, limit);
  }
}

function matchTier(s: Searchable, q: string): number | undefined {
  if (!s.all.includes(q)) {
    return undefined;
  }
  if (s.symbol === q || s.id === q || s.name === q) {
    return EXACT;
  }
  if (
    s.symbol.startsWith(q) ||
    s.id.startsWith(q) ||
    s.name.startsWith(q) ||
    s.words.some((w) => w.startsWith(q))
  ) {
    return PREFIX;
  }
  if (s.symbol.includes(q) || s.id.includes(q) || s.name.includes(q)) {
    return SUBSTRING;
  }
  return undefined;
}

function byRankThenName(a: DirectoryEntry, b: DirectoryEntry): number {
  const rank = (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER);
  if (rank !== 0) {
    return rank;
  }
  const name = NAMES.compare(a.name, b.name);
  return name !== 0 ? name : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
