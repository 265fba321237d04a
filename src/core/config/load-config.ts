import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { CronTime } from 'cron';
import { z } from 'zod';
import type {
  AppConfig,
  DatabaseConfig,
  NewsFeed,
  RuntimeEnvironment,
  TierPolicy,
} from './app-config';
import {
  coinsFileSchema,
  discoveryCatalogueSchema,
  providersFileSchema,
  TIER_NAMES,
  type TierName,
  tiersFileSchema,
} from './catalogue.schema';
import { parseRateLimit, type RateLimit } from './env-parsers';
import { clusterConfig } from './cluster-config';
import { ConfigError } from './config.error';
import { unknownVariablesWarning } from './config-warnings';
import { type Env, envSchema } from './env.schema';

/**
 * Fall-backs for NODE_ENV=development or test only; anywhere else (production, or NODE_ENV unset,
 * which is how a forgotten variable looks) they are refused, as are the `.env.example` values.
 */
const DEV_SECRETS = {
  JWT_SECRET_KEY: 'dev-only-jwt-secret-not-for-production',
  API_KEY_SALT: 'dev-only-api-key-salt-not-for-production',
} as const;
const KNOWN_DEFAULT_SECRETS = new Set<string>([
  ...Object.values(DEV_SECRETS),
  'change-me',
  'changeme',
  'secret',
  // The seed project's own example values, copied into many deployments.
  'your-secret-key-change-in-production',
  'your-secret-key',
  'your-jwt-secret',
  'your-jwt-secret-key',
  'your-api-key-salt',
  'change-this-in-production',
  'change-me-in-production',
]);
/** Below this many bits (Shannon entropy of the characters × length) a secret is guessable. */
const MIN_SECRET_BITS = 100;
/** Placeholders an ADMIN_API_KEY has been seen set to, besides the secrets above. */
const KNOWN_DEFAULT_ADMIN_KEYS = new Set<string>([
  ...KNOWN_DEFAULT_SECRETS,
  'admin',
  'admin-key',
  'admin_api_key',
  'your-admin-key',
  'your-admin-api-key',
  'password',
]);
const GENERATE_SECRET = `node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`;
const MIN_SECRET_LENGTH = 32;
const HF_PERSISTENT_DIR = '/data';
const COINGECKO_PUBLIC = 'https://api.coingecko.com/api/v3';
const COINGECKO_PRO = 'https://pro-api.coingecko.com/api/v3';
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
  const parsed = envSchema.safeParse(withoutEmptyValues(rawEnv));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const problems: string[] = [];
  const built = buildConfig(parsed.data, cwd, problems);
  const warning = unknownVariablesWarning(rawEnv);
  const config = {
    ...built,
    watchlist: buildWatchlist(parsed.data.WATCHLIST, problems),
    startupWarnings: warning ? [warning] : [],
  };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return deepFreeze(config);
}

function buildConfig(env: Env, cwd: string, problems: string[]): AppConfig {
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
    upstreams: buildUpstreams(env, configDir, problems),
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

const WATCHLIST_TOKEN = /^[A-Za-z0-9-]{1,64}$/;
/** Each collector job: its key in config/schedule.json, its env override and its default cron. */
const JOB_CRONS = [
  ['prices', 'SCHEDULE_PRICES', '*/5 * * * *'],
  ['candles', 'SCHEDULE_CANDLES', '0 * * * *'],
  ['trending', 'SCHEDULE_TRENDING', '*/30 * * * *'],
  ['coins', 'SCHEDULE_COINS', '20 0 * * *'],
  ['defi', 'SCHEDULE_DEFI', '10 * * * *'],
  ['news', 'SCHEDULE_NEWS', '*/30 * * * *'],
  ['fearGreed', 'SCHEDULE_FEAR_GREED', '5 * * * *'],
  ['cleanup', 'SCHEDULE_CLEANUP', '0 3 * * *'],
  ['backup', 'SCHEDULE_BACKUP', '0 2 * * *'],
  ['sentiment', 'SCHEDULE_SENTIMENT', '15 * * * *'],
  ['sentimentRescore', 'SCHEDULE_SENTIMENT_RESCORE', '45 * * * *'],
  ['health', 'SCHEDULE_HEALTH', '*/5 * * * *'],
  ['statsBroadcast', 'SCHEDULE_STATS_BROADCAST', '*/5 * * * *'],
] as const satisfies readonly (readonly [keyof AppConfig['schedule'], keyof Env, string])[];

const scheduleFileSchema = z.partialRecord(z.enum(JOB_CRONS.map(([key]) => key)), z.string());

function buildSchedule(env: Env, configDir: string, problems: string[]): AppConfig['schedule'] {
  const file = readJsonFile(join(configDir, 'schedule.json'), scheduleFileSchema, problems);
  const entries = JOB_CRONS.map(([key, variable, fallback]) => {
    const expression = env[variable] ?? file?.[key] ?? fallback;
    try {
      new CronTime(expression);
    } catch {
      problems.push(`${variable}: expected a cron expression, got "${expression}"`);
    }
    return [key, expression] as const;
  });
  return Object.fromEntries(entries) as AppConfig['schedule'];
}

/** config/tiers.json; FREE_TIER_LIMIT / PRO_TIER_LIMIT replace the limit of the same window. */
function buildTiers(env: Env, configDir: string, problems: string[]): AppConfig['tiers'] {
  const file = readJsonFile(join(configDir, 'tiers.json'), tiersFileSchema, problems);
  const overrides: Partial<Record<TierName, RateLimit[]>> = {
    free: env.FREE_TIER_LIMIT,
    pro: env.PRO_TIER_LIMIT,
  };
  const entries = TIER_NAMES.map((name): [TierName, TierPolicy] => {
    const tier = file?.[name] ?? {
      limits: [],
      maxSymbols: null,
      historyDays: null,
      maxSubscriptions: null,
      maxConnections: null,
    };
    const limits = new Map<number, RateLimit>();
    for (const limit of [
      ...tier.limits.flatMap((l) => parseRateLimit(l) ?? []),
      ...(overrides[name] ?? []),
    ]) {
      limits.set(limit.windowSeconds, limit);
    }
    return [
      name,
      {
        name,
        limits: [...limits.values()].sort((a, b) => a.windowSeconds - b.windowSeconds),
        maxSymbols: tier.maxSymbols,
        historyDays: tier.historyDays,
        maxSubscriptions: tier.maxSubscriptions,
        maxConnections: tier.maxConnections,
      },
    ];
  });
  return Object.fromEntries(entries) as AppConfig['tiers'];
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

function buildUpstreams(env: Env, configDir: string, problems: string[]): AppConfig['upstreams'] {
  if (env.COINGECKO_API_PLAN && !env.COINGECKO_API_KEY) {
    problems.push('COINGECKO_API_PLAN: expected only together with COINGECKO_API_KEY');
  }
  const plan = env.COINGECKO_API_KEY ? (env.COINGECKO_API_PLAN ?? 'demo') : 'public';
  return {
    coingecko: {
      baseUrl: env.COINGECKO_BASE_URL ?? (plan === 'pro' ? COINGECKO_PRO : COINGECKO_PUBLIC),
      apiKey: env.COINGECKO_API_KEY,
      plan,
    },
    binance: { baseUrls: env.BINANCE_BASE_URLS, wsUrls: env.BINANCE_WS_URLS },
    kraken: { baseUrl: env.KRAKEN_BASE_URL },
    coincap: { baseUrl: env.COINCAP_BASE_URL, apiKey: env.COINCAP_API_KEY },
    cryptocompare: { baseUrl: env.CRYPTOCOMPARE_BASE_URL, apiKey: env.CRYPTOCOMPARE_API_KEY },
    defillama: { baseUrl: env.DEFILLAMA_BASE_URL },
    fearGreed: { baseUrl: env.FEAR_GREED_BASE_URL },
    etherscan: { baseUrl: env.ETHERSCAN_BASE_URL, apiKey: env.ETHERSCAN_API_KEY },
    bscscan: { apiKey: env.BSCSCAN_API_KEY },
    newsFeeds: env.NEWS_FEEDS
      ? nameFeeds(env.NEWS_FEEDS)
      : readFeedsFile(join(configDir, 'feeds.json'), problems),
  };
}

/**
 * NEWS_FEEDS (each URL once) are named by host; where several share a host, by host and path;
 * where those are shared too, by host, path and query. Names key the stored feed state.
 */
function nameFeeds(urls: readonly string[]): { name: string; url: string }[] {
  const unique = [...new Set(urls)];
  const host = (url: string) => new URL(url).hostname.replace(/^www\./, '');
  const path = (url: string) => `${host(url)}${new URL(url).pathname}`;
  const query = (url: string) => `${path(url)}${new URL(url).search}`;
  const namings = [host, path, query];
  return unique.map((url) => {
    const name =
      namings.find(
        (naming) => unique.filter((other) => naming(other) === naming(url)).length === 1,
      ) ?? query;
    return { name: name(url), url };
  });
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

const OUTSIDE_DEVELOPMENT = 'unless NODE_ENV=development or test';

/** Development conveniences (built-in secrets) only where asked for; staging is production. */
function relaxed(environment: RuntimeEnvironment): boolean {
  return environment === 'development' || environment === 'test';
}

function secret(
  name: keyof typeof DEV_SECRETS,
  value: string | undefined,
  environment: RuntimeEnvironment,
  problems: string[],
): string {
  if (relaxed(environment)) {
    return value ?? DEV_SECRETS[name];
  }
  if (value === undefined) {
    problems.push(`${name}: required ${OUTSIDE_DEVELOPMENT} (a random string of 32+ characters)`);
  } else {
    weakSecret(name, value, KNOWN_DEFAULT_SECRETS, problems);
  }
  return value ?? '';
}

/**
 * Optional, but an admin credential: outside development it is held to the same length as the
 * secrets and may not be a placeholder, which anyone could guess.
 */
function adminApiKey(
  value: string | undefined,
  environment: RuntimeEnvironment,
  problems: string[],
): string | undefined {
  if (value !== undefined && !relaxed(environment)) {
    weakSecret('ADMIN_API_KEY', value, KNOWN_DEFAULT_ADMIN_KEYS, problems);
  }
  return value;
}

function weakSecret(
  name: string,
  value: string,
  placeholders: ReadonlySet<string>,
  problems: string[],
): void {
  const generate = `(generate one with: ${GENERATE_SECRET})`;
  if (placeholders.has(value.toLowerCase())) {
    problems.push(
      `${name}: a default or example value cannot be used ${OUTSIDE_DEVELOPMENT} ${generate}`,
    );
  } else if (value.length < MIN_SECRET_LENGTH) {
    problems.push(
      `${name}: expected at least ${MIN_SECRET_LENGTH} characters ${OUTSIDE_DEVELOPMENT}, got ${value.length} ${generate}`,
    );
  } else if (entropyBits(value) < MIN_SECRET_BITS) {
    problems.push(
      `${name}: too predictable (its characters carry about ${Math.round(entropyBits(value))} bits, expected ${MIN_SECRET_BITS}+) ${OUTSIDE_DEVELOPMENT} ${generate}`,
    );
  }
}

/**
 * An estimate of a secret's strength from its own characters: Shannon entropy per character times
 * the length. Repeated or few distinct characters ("aaaa…", "abcabc…") score low; 32 random
 * hex characters score about 115, 32 random base64url characters about 145.
 */
function entropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * value.length;
}

function readFeedsFile(file: string, problems: string[]): NewsFeed[] {
  try {
    const feeds: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(feeds) && feeds.every(isNewsFeed)) {
      return feeds;
    }
    problems.push(`CONFIG_DIR: ${file} must be a JSON array of {"name", "url"} objects`);
  } catch (error) {
    problems.push(`CONFIG_DIR: cannot read ${file} (${(error as Error).message})`);
  }
  return [];
}

function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  problems: string[],
): z.output<S> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`CONFIG_DIR: cannot read ${file} (${(error as Error).message})`);
    return undefined;
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    problems.push(`CONFIG_DIR: ${file} at ${issue.path.join('.')}: ${issue.message}`);
    return undefined;
  }
  return result.data;
}

function isNewsFeed(value: unknown): value is NewsFeed {
  const feed = value as NewsFeed;
  return typeof feed?.name === 'string' && typeof feed.url === 'string' && URL.canParse(feed.url);
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
