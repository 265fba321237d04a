import type {
  DiscoveryCandidate,
  KnownCoin,
  ProviderDefinition,
  TierName,
} from './catalogue.schema';
import type { UpstreamSettings } from '../../providers/upstreams/upstream-configs';
import type { ClusterConfig } from './cluster-config';
import type { RateLimit } from './env-parsers';
import type { LOG_LEVELS, MODEL_DTYPES } from './env.schema';

/** `staging` follows production's rules. */
export type RuntimeEnvironment = 'development' | 'production' | 'staging' | 'test';

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

/** The one typed configuration object, built and validated once at start-up, then frozen. */
export interface AppConfig {
  environment: RuntimeEnvironment;
  /** What start-up logs once as a warning (unknown or misspelt variables). */
  startupWarnings: string[];
  logLevel: (typeof LOG_LEVELS)[number];
  server: {
    host: string;
    port: number;
    trustProxy: boolean | number | string;
    corsOrigins: '*' | string[];
    bodyLimit: string;
    /** HF_SPACE_URL: the public address, the server the OpenAPI and AsyncAPI documents name. */
    publicUrl?: string;
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
  /** Several replicas sharing Redis (unset REDIS_URL: one replica, everything in-process). */
  cluster: ClusterConfig;
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
    /**
     * DISCOVERY_ALLOW_ADDRESSES: non-public addresses probes and upstream redirects may still
     * reach. It loosens the SSRF guard (the tests' fake upstream lives on 127.0.0.1).
     */
    allowedAddresses: string[];
  };
  /** config/tiers.json with FREE_TIER_LIMIT / PRO_TIER_LIMIT applied. */
  tiers: Record<TierName, TierPolicy>;
  cacheTtlSeconds: {
    prices: number;
    ohlcv: number;
    defi: number;
    fearGreed: number;
    gas: number;
    /** A coin's record (GET /api/coins/:id). */
    coinDetail: number;
  };
  /** How the provider registry calls upstreams. */
  resilience: {
    callTimeoutMs: number;
    deadlineMs: number;
    /**
     * When a provider has not answered within its p95 latency, clamped to these bounds, the next
     * one is asked as well (PROVIDER_HEDGE_MIN_MS / _MAX_MS); null when PROVIDER_HEDGE_MAX_MS=0.
     */
    hedge: { minMs: number; maxMs: number } | null;
    breakerThreshold: number;
    breakerCooldownMs: number;
    breakerMaxCooldownMs: number;
  };
  /** Each upstream plug-in's settings, built by its configuration slice. */
  upstreams: UpstreamSettings;
  /** Where each upstream sends requests, as GET /api/providers shows it. */
  upstreamBaseUrls: Readonly<Record<string, string>>;
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
    /** /api/analyze/text calls a text neutral when the model's confidence is below this. */
    neutralBelow: number;
    /** Headlines the re-scoring job scores per run at most (the rest waits for the next run). */
    rescoreLimit: number;
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
    currencies: string;
    defi: string;
    news: string;
    fearGreed: string;
    cleanup: string;
    backup: string;
    sentiment: string;
    sentimentRescore: string;
    health: string;
    statsBroadcast: string;
  };
  /** Tickers or ids the collectors follow (WATCHLIST); empty: the 20 largest by market cap. */
  watchlist: string[];
}
