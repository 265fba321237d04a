import type { MarketCoin, TrendingCoin } from '../providers/provider.types';

/**
 * The stand-in for a trending list when no provider has one: the coins (of a market list by
 * market cap) that moved most over 24 h, either way, largest move first. Coins without a 24 h
 * change are left out. `score` is the position, 0 for the largest move.
 */
export function moversAsTrending(coins: readonly MarketCoin[], count: number): TrendingCoin[] {
  return coins
    .filter((c): c is MarketCoin & { change24h: number } => c.change24h !== null)
    .sort((a, b) => Math.abs(b.change24h) - Math.abs(a.change24h))
    .slice(0, count)
    .map((c, i) => ({
      rank: i + 1,
      id: c.id,
      symbol: c.symbol,
      name: c.name,
      marketCapRank: c.rank,
      priceUsd: c.price,
      score: i,
    }));
}
