import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { AppConfig, DatabaseConfig, RuntimeEnvironment } from './app-config';
import { coinsFileSchema, discoveryCatalogueSchema, providersFileSchema } from './catalogue.schema';
import { readJsonFile } from './config-files';
import { clusterConfig } from './cluster-config';
import { ConfigError } from './config.error';
import { unknownVariablesWarning } from './config-warnings';
import type { Env } from './env.schema';
import { buildSchedule } from './schedule';
import { adminApiKey, secret } from './secrets';
import { buildTiers } from './tiers';
import { configSchema, loadUpstreams } from './upstream-env';

const HF_PERSISTENT_DIR = '/data';
const WATCHLIST_TOKEN = /^[A-Za-z0-9-]{1,64}$/;
export const SQLITE_FILE_NAME = 'crypto-dt-source.sqlite';

export interface LoadConfigOptions {
  /** Folder that relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

/**
 * Parses the environment once into the typed, frozen {@link AppConfig}.
 * Throws {@link ConfigError} listing every bad variable and what it expects.
 */
export function loadConfig(
  rawEnv: Record<string, string | undefined>,
  options: LoadConfigOptions = {},
): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  const raw = withoutEmptyValues(rawEnv);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const problems: string[] = [];
  const built = buildConfig(parsed.data, cwd, problems);
  const upstreams = loadUpstreams(raw, { configDir: built.paths.configDir, problems });
  const warning = unknownVariablesWarning(rawEnv);
  const config = {
    ...built,
    upstreams: upstreams.settings,
    upstreamBaseUrls: upstreams.baseUrls,
    watchlist: buildWatchlist(parsed.data.WATCHLIST, problems),
    startupWarnings: warning ? [warning] : [],
  };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return deepFreeze(config);
}

function buildConfig(
  env: Env,
  cwd: string,
  problems: string[],
): Omit<AppConfig, 'upstreams' | 'upstreamBaseUrls'> {
  // Unset is treated as production: development conveniences must be asked for.
  const environment: RuntimeEnvironment = env.NODE_ENV ?? env.ENVIRONMENT ?? 'production';
  const dataDir = env.DATA_DIR ? resolve(cwd, env.DATA_DIR) : defaultDataDir(cwd);
  const configDir = resolve(cwd, env.CONFIG_DIR);
  const database = parseDatabaseUrl(env.DATABASE_URL, dataDir, env.DATABASE_POOL_SIZE, problems);
  if (env.PROVIDER_DEADLINE_MS < env.PROVIDER_TIMEOUT_MS) {
    problems.push(
      `PROVIDER_DEADLINE_MS: expected at least PROVIDER_TIMEOUT_MS (${env.PROVIDER_TIMEOUT_MS}), got "${env.PROVIDER_DEADLINE_MS}"`,
    );
  }
  if (env.PROVIDER_HEDGE_MAX_MS > 0 && env.PROVIDER_HEDGE_MAX_MS < env.PROVIDER_HEDGE_MIN_MS) {
    problems.push(
      `PROVIDER_HEDGE_MAX_MS: expected at least PROVIDER_HEDGE_MIN_MS (${env.PROVIDER_HEDGE_MIN_MS}), or 0 to turn hedging off, got "${env.PROVIDER_HEDGE_MAX_MS}"`,
    );
  }
  if (env.WEBSOCKET_HEARTBEAT_TIMEOUT <= env.WEBSOCKET_HEARTBEAT_INTERVAL) {
    problems.push(
      `WEBSOCKET_HEARTBEAT_TIMEOUT: expected more than WEBSOCKET_HEARTBEAT_INTERVAL (${env.WEBSOCKET_HEARTBEAT_INTERVAL}), got "${env.WEBSOCKET_HEARTBEAT_TIMEOUT}"`,
    );
  }
  return {
    environment,
    logLevel: env.LOG_LEVEL,
    server: {
      host: env.HOST,
      port: env.PORT,
      trustProxy: env.TRUST_PROXY,
      corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
      bodyLimit: env.REQUEST_BODY_LIMIT,
      publicUrl: env.HF_SPACE_URL?.replace(/\/+$/, ''),
    },
    paths: {
      dataDir,
      configDir,
      modelsDir: env.MODELS_DIR ? resolve(cwd, env.MODELS_DIR) : join(dataDir, 'models'),
      bundledModelsDir: join(cwd, 'models'),
      dashboardDir: join(cwd, 'web', 'dashboard'),
      backupsDir: join(dataDir, 'backups'),
    },
    database: {
      ...database,
      retentionDays: env.DATA_RETENTION_DAYS,
      skipMigrations: env.DB_SKIP_MIGRATIONS,
    },
    cluster: clusterConfig(env),
    security: {
      jwtSecret: secret('JWT_SECRET_KEY', env.JWT_SECRET_KEY, environment, problems),
      apiKeySalt: secret('API_KEY_SALT', env.API_KEY_SALT, environment, problems),
      adminApiKey: adminApiKey(env.ADMIN_API_KEY, environment, problems),
      jwtExpiresHours: env.JWT_EXPIRES_HOURS,
    },
    features: {
      backgroundTasks: env.ENABLE_BACKGROUND_TASKS,
      sentimentAnalysis: env.ENABLE_SENTIMENT_ANALYSIS,
      autoDiscovery: env.ENABLE_AUTO_DISCOVERY,
      autoDiscoveryIntervalHours: env.AUTO_DISCOVERY_INTERVAL_HOURS,
    },
    tiers: buildTiers(env, configDir, problems),
    discovery: {
      catalogue:
        readJsonFile(
          join(configDir, 'discovery-catalogue.json'),
          discoveryCatalogueSchema,
          problems,
        ) ?? [],
      catalogueUrls: env.DISCOVERY_CATALOGUE_URLS ?? [],
      allowedAddresses: env.DISCOVERY_ALLOW_ADDRESSES,
    },
    cacheTtlSeconds: {
      prices: env.CACHE_TTL_PRICES,
      ohlcv: env.CACHE_TTL_OHLCV,
      defi: env.CACHE_TTL_DEFI,
      fearGreed: env.CACHE_TTL_FEAR_GREED,
      gas: env.CACHE_TTL_GAS,
      coinDetail: env.CACHE_TTL_COIN_DETAIL,
    },
    resilience: {
      callTimeoutMs: env.PROVIDER_TIMEOUT_MS,
      deadlineMs: env.PROVIDER_DEADLINE_MS,
      hedge:
        env.PROVIDER_HEDGE_MAX_MS === 0
          ? null
          : { minMs: env.PROVIDER_HEDGE_MIN_MS, maxMs: env.PROVIDER_HEDGE_MAX_MS },
      breakerThreshold: env.CIRCUIT_BREAKER_THRESHOLD,
      breakerCooldownMs: env.CIRCUIT_BREAKER_COOLDOWN_SECONDS * 1000,
      breakerMaxCooldownMs: Math.max(600_000, env.CIRCUIT_BREAKER_COOLDOWN_SECONDS * 1000),
    },
    catalogue: {
      providers:
        readJsonFile(join(configDir, 'providers.json'), providersFileSchema, problems) ?? [],
      coins: readJsonFile(join(configDir, 'coins.json'), coinsFileSchema, problems) ?? [],
    },
    models: {
      sentimentModel: env.SENTIMENT_MODEL,
      zeroShotModel: env.ZERO_SHOT_MODEL,
      financialModel: env.FINANCIAL_SENTIMENT_MODEL,
      windowHours: env.SENTIMENT_WINDOW_HOURS,
      allowRemote: env.HF_ALLOW_REMOTE_MODELS,
      remoteHost: env.HF_REMOTE_HOST.endsWith('/') ? env.HF_REMOTE_HOST : `${env.HF_REMOTE_HOST}/`,
      dtype: env.SENTIMENT_DTYPE,
      neutralBelow: env.SENTIMENT_NEUTRAL_BELOW,
      rescoreLimit: env.SENTIMENT_RESCORE_LIMIT,
    },
    realtime: {
      heartbeatIntervalSeconds: env.WEBSOCKET_HEARTBEAT_INTERVAL,
      heartbeatTimeoutSeconds: env.WEBSOCKET_HEARTBEAT_TIMEOUT,
      pollSeconds: env.REALTIME_POLL_SECONDS,
      throttleMs: env.REALTIME_THROTTLE_MS,
    },
    backups: { keep: env.BACKUP_KEEP },
    schedule: buildSchedule(env, configDir, problems),
    watchlist: [],
    startupWarnings: [],
  };
}

/**
 * WATCHLIST names coins by ticker or CoinGecko id; unset (an empty list) means the 20 largest by
 * market cap, which only the stored market list knows, so resolution happens at run time.
 */
function buildWatchlist(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined) {
    return [];
  }
  const tokens = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (tokens.length === 0 || tokens.some((t) => !WATCHLIST_TOKEN.test(t))) {
    problems.push(
      `WATCHLIST: expected comma-separated tickers or CoinGecko ids (letters, digits, "-"), got "${raw}"`,
    );
  }
  return tokens;
}

function parseDatabaseUrl(
  raw: string | undefined,
  dataDir: string,
  poolSize: number,
  problems: string[],
): DatabaseConfig {
  if (raw === undefined) {
    return { type: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) };
  }
  if (/^postgres(ql)?:\/\/[^/]+/i.test(raw)) {
    return { type: 'postgres', url: raw, poolSize };
  }
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/i.exec(raw);
  if (sqlite) {
    const file = sqlite[1];
    return { type: 'sqlite', file: isAbsolute(file) ? file : resolve(dataDir, file) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1] ?? 'none';
  problems.push(
    `DATABASE_URL: expected postgres://user@host:5432/db or sqlite:<file> (unset for the SQLite file in DATA_DIR), got scheme "${scheme}"`,
  );
  return { type: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) };
}

function parseCorsOrigins(raw: string): '*' | string[] {
  return raw.trim() === '*'
    ? '*'
    : raw
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
}

/** HF Spaces mounts persistent storage at /data; use it when present and writable. */
function defaultDataDir(cwd: string): string {
  try {
    if (statSync(HF_PERSISTENT_DIR).isDirectory()) {
      accessSync(HF_PERSISTENT_DIR, constants.W_OK);
      return HF_PERSISTENT_DIR;
    }
  } catch {
    // Not there or not writable: fall through to the repository's data/ folder.
  }
  return resolve(cwd, 'data');
}

function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
