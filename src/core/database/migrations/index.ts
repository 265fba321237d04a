import { Init1764300000000 as PostgresInit } from './postgres/1764300000000-Init';
import { PoolMembers1764400000000 as PostgresPoolMembers } from './postgres/1764400000000-PoolMembers';
import { TrendingCoins1764500000000 as PostgresTrendingCoins } from './postgres/1764500000000-TrendingCoins';
import { CoinListings1764600000000 as PostgresCoinListings } from './postgres/1764600000000-CoinListings';
import { CoinListings1764600000000 as SqliteCoinListings } from './sqlite/1764600000000-CoinListings';
import { DefiNewsFearGreed1764700000000 as PostgresDefiNewsFearGreed } from './postgres/1764700000000-DefiNewsFearGreed';
import { DefiNewsFearGreed1764700000000 as SqliteDefiNewsFearGreed } from './sqlite/1764700000000-DefiNewsFearGreed';
import { ApiKeys1764800000000 as PostgresApiKeys } from './postgres/1764800000000-ApiKeys';
import { ApiKeys1764800000000 as SqliteApiKeys } from './sqlite/1764800000000-ApiKeys';
import { DiscoveredProviders1764900000000 as PostgresDiscoveredProviders } from './postgres/1764900000000-DiscoveredProviders';
import { DiscoveredProviders1764900000000 as SqliteDiscoveredProviders } from './sqlite/1764900000000-DiscoveredProviders';
import { DiscoveredAdapters1765000000000 as PostgresDiscoveredAdapters } from './postgres/1765000000000-DiscoveredAdapters';
import { DiscoveredAdapters1765000000000 as SqliteDiscoveredAdapters } from './sqlite/1765000000000-DiscoveredAdapters';
import { JobRuns1765100000000 as PostgresJobRuns } from './postgres/1765100000000-JobRuns';
import { JobRuns1765100000000 as SqliteJobRuns } from './sqlite/1765100000000-JobRuns';
import { TokenVersion1765200000000 as PostgresTokenVersion } from './postgres/1765200000000-TokenVersion';
import { TokenVersion1765200000000 as SqliteTokenVersion } from './sqlite/1765200000000-TokenVersion';
import { MarketSentiment1765320000000 as PostgresMarketSentiment } from './postgres/1765320000000-MarketSentiment';
import { MarketSentiment1765320000000 as SqliteMarketSentiment } from './sqlite/1765320000000-MarketSentiment';
import { MarketOverviewStored1765400000000 as PostgresMarketOverviewStored } from './postgres/1765400000000-MarketOverviewStored';
import { MarketOverviewStored1765400000000 as SqliteMarketOverviewStored } from './sqlite/1765400000000-MarketOverviewStored';
import { Currencies1766000000000 as PostgresCurrencies } from './postgres/1766000000000-Currencies';
import { Currencies1766000000000 as SqliteCurrencies } from './sqlite/1766000000000-Currencies';
import { CoinDirectory1766100000000 as PostgresCoinDirectory } from './postgres/1766100000000-CoinDirectory';
import { CoinDirectory1766100000000 as SqliteCoinDirectory } from './sqlite/1766100000000-CoinDirectory';
import { ExchangePairs1766300000000 as PostgresExchangePairs } from './postgres/1766300000000-ExchangePairs';
import { ExchangePairs1766300000000 as SqliteExchangePairs } from './sqlite/1766300000000-ExchangePairs';
import { MarketCoinChanges1766400000000 as PostgresMarketCoinChanges } from './postgres/1766400000000-MarketCoinChanges';
import { MarketCoinChanges1766400000000 as SqliteMarketCoinChanges } from './sqlite/1766400000000-MarketCoinChanges';
import { PricesHistoryIndex1766700000000 as PostgresPricesHistoryIndex } from './postgres/1766700000000-PricesHistoryIndex';
import { PricesHistoryIndex1766700000000 as SqlitePricesHistoryIndex } from './sqlite/1766700000000-PricesHistoryIndex';
import { Init1764300000000 as SqliteInit } from './sqlite/1764300000000-Init';
import { PoolMembers1764400000000 as SqlitePoolMembers } from './sqlite/1764400000000-PoolMembers';
import { TrendingCoins1764500000000 as SqliteTrendingCoins } from './sqlite/1764500000000-TrendingCoins';

/**
 * Migrations per dialect, listed as classes in the order they apply. Each dialect has its own
 * folder, generated against its own database (`npm run typeorm -- migration:generate`).
 */
export const SQLITE_MIGRATIONS = [
  SqliteInit,
  SqlitePoolMembers,
  SqliteTrendingCoins,
  SqliteCoinListings,
  SqliteDefiNewsFearGreed,
  SqliteApiKeys,
  SqliteDiscoveredProviders,
  SqliteDiscoveredAdapters,
  SqliteJobRuns,
  SqliteTokenVersion,
  SqliteMarketSentiment,
  SqliteMarketOverviewStored,
  SqliteCurrencies,
  SqliteCoinDirectory,
  SqliteExchangePairs,
  SqliteMarketCoinChanges,
  SqlitePricesHistoryIndex,
];
export const POSTGRES_MIGRATIONS = [
  PostgresInit,
  PostgresPoolMembers,
  PostgresTrendingCoins,
  PostgresCoinListings,
  PostgresDefiNewsFearGreed,
  PostgresApiKeys,
  PostgresDiscoveredProviders,
  PostgresDiscoveredAdapters,
  PostgresJobRuns,
  PostgresTokenVersion,
  PostgresMarketSentiment,
  PostgresMarketOverviewStored,
  PostgresCurrencies,
  PostgresCoinDirectory,
  PostgresExchangePairs,
  PostgresMarketCoinChanges,
  PostgresPricesHistoryIndex,
];
