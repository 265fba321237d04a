import { z } from 'zod';
import {
  addressListVar,
  boolVar,
  enumVar,
  intChoiceVar,
  intVar,
  numberVar,
  optionalEnumVar,
  optionalUrlListVar,
  optionalStringVar,
  optionalUrlVar,
  rateLimitListVar,
  sizeVar,
  stringVar,
  trustProxyVar,
  urlVar,
} from './env-parsers';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const MODEL_DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;

const HTTP = ['http:', 'https:'] as const;

/**
 * The core of the configuration contract: every environment variable the service reads, with its
 * default, except the upstream plug-ins' own (each declares its variables in its folder under
 * src/providers/upstreams/). Names are fixed (see docs/architecture.md); `.env.example` and the
 * README document each one, and config-docs.spec.ts fails when they do not.
 */
export const envSchema = z.object({
  PORT: intVar(7860, 1, 65535),
  HOST: stringVar('0.0.0.0'),
  NODE_ENV: optionalEnumVar(['development', 'production', 'staging', 'test']),
  ENVIRONMENT: optionalEnumVar(['development', 'production', 'staging', 'test']),
  // The address clients use (a Space's public URL), named as the docs' server; unset: relative.
  HF_SPACE_URL: optionalUrlVar(HTTP),
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info'),
  DATA_DIR: optionalStringVar(),
  CONFIG_DIR: stringVar('config'),

  DATABASE_URL: optionalStringVar(),
  DATABASE_POOL_SIZE: intVar(20, 1, 500),
  DATA_RETENTION_DAYS: intVar(90, 1, 3650),
  DB_SKIP_MIGRATIONS: boolVar(false),

  REDIS_URL: optionalUrlVar(['redis:', 'rediss:']),
  REDIS_KEY_PREFIX: stringVar('cdts:'),
  CLUSTER_LOCK_TTL_SECONDS: intVar(15, 2, 300),
  REPLICA_ID: optionalStringVar(),

  JWT_SECRET_KEY: optionalStringVar(),
  API_KEY_SALT: optionalStringVar(),
  ADMIN_API_KEY: optionalStringVar(),
  JWT_EXPIRES_HOURS: intVar(24, 1, 24 * 365),

  ENABLE_BACKGROUND_TASKS: boolVar(true),
  ENABLE_SENTIMENT_ANALYSIS: boolVar(true),
  ENABLE_AUTO_DISCOVERY: boolVar(false),
  AUTO_DISCOVERY_INTERVAL_HOURS: intChoiceVar(
    24,
    [1, 2, 3, 4, 6, 8, 12, 24],
    'hours that divide a day, so runs stay evenly spaced',
  ),
  DISCOVERY_CATALOGUE_URLS: optionalUrlListVar(HTTP),
  DISCOVERY_ALLOW_ADDRESSES: addressListVar(),

  PROVIDER_TIMEOUT_MS: intVar(5000, 100, 120_000),
  PROVIDER_DEADLINE_MS: intVar(12_000, 100, 300_000),
  PROVIDER_HEDGE_MIN_MS: intVar(300, 0, 120_000),
  PROVIDER_HEDGE_MAX_MS: intVar(800, 0, 120_000),
  CIRCUIT_BREAKER_THRESHOLD: intVar(5, 1, 100),
  CIRCUIT_BREAKER_COOLDOWN_SECONDS: intVar(30, 1, 3600),

  FREE_TIER_LIMIT: rateLimitListVar(),
  PRO_TIER_LIMIT: rateLimitListVar(),

  CACHE_TTL_PRICES: intVar(300, 0, 86400),
  CACHE_TTL_OHLCV: intVar(900, 0, 86400),
  CACHE_TTL_DEFI: intVar(3600, 0, 86400),
  CACHE_TTL_FEAR_GREED: intVar(3600, 0, 86400),
  // Ethereum produces a block every 12 s: an older gas price says little about the next ones.
  CACHE_TTL_GAS: intVar(15, 0, 3600),
  CACHE_TTL_COIN_DETAIL: intVar(300, 0, 86400),

  SENTIMENT_MODEL: stringVar('bundled'),
  ZERO_SHOT_MODEL: optionalStringVar(),
  FINANCIAL_SENTIMENT_MODEL: stringVar('bundled'),
  SENTIMENT_WINDOW_HOURS: intVar(24, 1, 24 * 90),
  MODELS_DIR: optionalStringVar(),
  HF_ALLOW_REMOTE_MODELS: boolVar(false),
  HF_REMOTE_HOST: urlVar('https://huggingface.co/', HTTP),
  SENTIMENT_DTYPE: enumVar(MODEL_DTYPES, 'q8'),
  SENTIMENT_NEUTRAL_BELOW: numberVar(0.6, 0.5, 1),
  SENTIMENT_RESCORE_LIMIT: intVar(5000, 1, 1_000_000),

  WEBSOCKET_HEARTBEAT_INTERVAL: intVar(10, 1, 3600),
  WEBSOCKET_HEARTBEAT_TIMEOUT: intVar(30, 1, 3600),
  REALTIME_POLL_SECONDS: intVar(10, 1, 3600),
  REALTIME_THROTTLE_MS: intVar(1000, 0, 60000),

  SCHEDULE_PRICES: optionalStringVar(),
  SCHEDULE_CANDLES: optionalStringVar(),
  SCHEDULE_TRENDING: optionalStringVar(),
  SCHEDULE_COINS: optionalStringVar(),
  SCHEDULE_CURRENCIES: optionalStringVar(),
  SCHEDULE_DEFI: optionalStringVar(),
  SCHEDULE_NEWS: optionalStringVar(),
  SCHEDULE_FEAR_GREED: optionalStringVar(),
  SCHEDULE_CLEANUP: optionalStringVar(),
  SCHEDULE_BACKUP: optionalStringVar(),
  SCHEDULE_SENTIMENT: optionalStringVar(),
  SCHEDULE_SENTIMENT_RESCORE: optionalStringVar(),
  SCHEDULE_HEALTH: optionalStringVar(),
  SCHEDULE_STATS_BROADCAST: optionalStringVar(),
  WATCHLIST: optionalStringVar(),

  TRUST_PROXY: trustProxyVar(),
  CORS_ORIGINS: stringVar('*'),
  // The largest valid request: a sentiment batch of 64 texts of 10,000 characters, which is up to
  // 1.92 MB of UTF-8 when each character takes three bytes (most non-Latin scripts).
  REQUEST_BODY_LIMIT: sizeVar('2mb'),
  BACKUP_KEEP: intVar(7, 1, 365),
});

export type Env = z.output<typeof envSchema>;
