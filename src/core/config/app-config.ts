import type {
  DiscoveryCandidate,
  KnownCoin,
  ProviderDefinition,
  TierName,
} from './catalogue.schema';
import type { RateLimit } from './env-parsers';
import type { LOG_LEVELS, MODEL_DTYPES } from './env.schema';

export type RuntimeEnvironment = 'development' | 'production' | 'test';

export type DatabaseConfig =
  { type: 'sqlite'; file: string } | { type: 'postgres'; url: string; poolSize: number };

/** What a tier may do. */
export interface TierPolicy {
  name: TierName;
  /** Shortest window first; empty when the tier is not limited. */
  limits: RateLimit[];
  maxSymbols: number | null;
  historyDays: number | null;
  maxSubscriptions: number | null;
  maxConnections: number | null;
}

export interface NewsFeed {
  name: string;
  url: string;
}

/** The one typed configuration object, built and validated once at start-up, then frozen. */
export interface AppConfig {
  environment: RuntimeEnvironment;
  logLevel: (typeof LOG_LEVELS)[number];
  server: {
    host: string;
    port: number;
    trustProxy: boolean | number | string;
    corsOrigins: '*' | string[];
    bodyLimit: string;
  };
  paths: {
    dataDir: string;
    configDir: string;
    /** Where hub models are cached and looked up (MODELS_DIR). */
    modelsDir: string;
    /** The models the project trains and ships (models/ in the repository and the image). */
    bundledModelsDir: string;
    /** The dashboard's static files (web/dashboard in the repository and the image). */
    dashboardDir: string;
    backupsDir: string;
  };
  database: DatabaseConfig & { retentionDays: number; skipMigrations: boolean };
  redisUrl?: string;
  security: {
    jwtSecret: string;
    apiKeySalt: string;
    adminApiKey?: string;
    jwtExpiresHours: number;
  };
  features: {
    backgroundTasks: boolean;
    sentimentAnalysis: boolean;
    autoDiscovery: boolean;
    autoDiscoveryIntervalHours: number;
  };
  /** Auto-discovery of more providers. */
  discovery: {
    /** config/discovery-catalogue.json. */
    catalogue: DiscoveryCandidate[];
    /** DISCOVERY_CATALOGUE_URLS: more catalogues in the same format, fetched at each run. */
    catalogueUrls: string[];
    /** DISCOVERY_ALLOW_ADDRESSES: tests only, non-public addresses probes may still reach. */
    allowedAddresses: string[];
  };
  /** config/tiers.json with FREE_TIER_LIMIT / PRO_TIER_LIMIT applied. */
  tiers: Record<TierName, TierPolicy>;
  cacheTtlSeconds: { prices: number; ohlcv: number; defi: number };
  /** How the provider registry calls upstreams. */
  resilience: {
    callTimeoutMs: number;
    deadlineMs: number;
    breakerThreshold: number;
    breakerCooldownMs: number;
    breakerMaxCooldownMs: number;
  };
  upstreams: {
    coingecko: { baseUrl: string; apiKey?: string; plan: 'public' | 'demo' | 'pro' };
    binance: { baseUrls: string[]; wsUrls: string[] };
    kraken: { baseUrl: string };
    coincap: { baseUrl: string; apiKey?: string };
    cryptocompare: { baseUrl: string; apiKey?: string };
    defillama: { baseUrl: string };
    fearGreed: { baseUrl: string };
    etherscan: { baseUrl: string; apiKey?: string };
    bscscan: { apiKey?: string };
    newsFeeds: NewsFeed[];
  };
  /** config/providers.json and config/coins.json, validated. */
  catalogue: { providers: ProviderDefinition[]; coins: KnownCoin[] };
  models: {
    sentimentModel: string;
    /** `bundled`, a hub id or a folder; unset: crypto analysis uses the three-class model. */
    zeroShotModel?: string;
    financialModel: string;
    /** The period GET /api/sentiment sums up. */
    windowHours: number;
    allowRemote: boolean;
    /** The hub (or a mirror) models are downloaded from, ending in `/`. */
    remoteHost: string;
    dtype: (typeof MODEL_DTYPES)[number];
  };
  realtime: {
    heartbeatIntervalSeconds: number;
    heartbeatTimeoutSeconds: number;
    pollSeconds: number;
    throttleMs: number;
  };
  backups: { keep: number };
  /** Cron expressions of the collectors (config/schedule.json, SCHEDULE_* override). */
  schedule: {
    prices: string;
    candles: string;
    trending: string;
    coins: string;
    defi: string;
    news: string;
    fearGreed: string;
    cleanup: string;
    backup: string;
    sentiment: string;
    health: string;
    statsBroadcast: string;
  };
  /** Tickers or ids the collectors follow (WATCHLIST); empty: the 20 largest by market cap. */
  watchlist: string[];
}
