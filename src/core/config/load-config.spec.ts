import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from './config.error';
import { loadConfig } from './load-config';

const CWD = mkdtempSync(join(tmpdir(), 'cdt-config-'));
const FEEDS = [{ name: 'Example', url: 'https://news.example/rss' }];
function withFeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdt-config-dir-'));
  cpSync(join(__dirname, '..', '..', '..', '..', 'config'), dir, { recursive: true });
  writeFileSync(join(dir, 'feeds.json'), JSON.stringify(FEEDS));
  return dir;
}
const FILES = { CONFIG_DIR: withFeeds(), DATA_DIR: join(CWD, 'data') };
const BASE = { ...FILES, NODE_ENV: 'development' };
const PROD_SECRETS = {
  NODE_ENV: 'production',
  // Random-looking: a repeated character is refused as too predictable.
  JWT_SECRET_KEY: 'kQ7v-Lp2xZ9rT4mW8nB3sD6fH1jG5cY0aE',
  API_KEY_SALT: 'sR4t_Uv8wX2yZ6aB0cD3eF7gH1iJ5kL9mN',
};

const GENERATE_HINT = `(generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")`;

function problemsOf(env: Record<string, string>, base: Record<string, string> = BASE): string[] {
  try {
    loadConfig({ ...base, ...env }, { cwd: CWD });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(BASE, { cwd: CWD });
    assert.equal(config.server.port, 7860);
    assert.equal(config.server.host, '0.0.0.0');
    assert.equal(config.environment, 'development');
    assert.deepEqual(config.database, {
      type: 'sqlite',
      file: join(CWD, 'data', 'crypto-dt-source.sqlite'),
      retentionDays: 90,
      skipMigrations: false,
    });
    assert.deepEqual(config.tiers.free, {
      name: 'free',
      limits: [
        { limit: 30, windowSeconds: 60 },
        { limit: 1000, windowSeconds: 86400 },
      ],
      maxSymbols: 5,
      historyDays: 7,
      maxSubscriptions: 10,
      maxConnections: 5,
    });
    assert.deepEqual(config.tiers.pro.limits, [
      { limit: 300, windowSeconds: 60 },
      { limit: 50000, windowSeconds: 86400 },
    ]);
    assert.deepEqual(config.tiers.enterprise.limits, []);
    assert.deepEqual(config.cacheTtlSeconds, {
      prices: 300,
      ohlcv: 900,
      defi: 3600,
      fearGreed: 3600,
      gas: 15,
    });
    assert.deepEqual(config.upstreams.binance.baseUrls, [
      'https://api.binance.com',
      'https://data-api.binance.vision',
      'https://api.binance.us',
    ]);
    assert.equal(config.upstreams.coingecko.baseUrl, 'https://api.coingecko.com/api/v3');
    assert.equal(config.upstreams.coingecko.plan, 'public');
    assert.deepEqual(config.upstreams.rss.feeds, FEEDS);
    assert.equal(config.paths.modelsDir, join(CWD, 'data', 'models'));
    assert.equal(config.models.dtype, 'q8');
    assert.equal(config.models.allowRemote, false);
    assert.equal(config.features.backgroundTasks, true);
    assert.equal(config.features.autoDiscovery, false);
    assert.equal(config.server.corsOrigins, '*');
    assert.equal(config.server.trustProxy, false);
    assert.equal(config.server.bodyLimit, '2mb');
    assert.equal(config.backups.keep, 7);
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig(BASE, { cwd: CWD });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.upstreams.binance.baseUrls));
    assert.throws(() => {
      (config.server as { port: number }).port = 1;
    }, TypeError);
  });

  it('treats empty variables as unset', () => {
    assert.equal(loadConfig({ ...BASE, PORT: '' }, { cwd: CWD }).server.port, 7860);
  });

  it('accepts only discovery intervals that divide a day', () => {
    for (const hours of ['23', '5', '48', '0']) {
      assert.deepEqual(problemsOf({ AUTO_DISCOVERY_INTERVAL_HOURS: hours }), [
        `AUTO_DISCOVERY_INTERVAL_HOURS: expected one of 1, 2, 3, 4, 6, 8, 12, 24 (hours that divide a day, so runs stay evenly spaced), got "${hours}"`,
      ]);
    }
    const config = loadConfig({ ...BASE, AUTO_DISCOVERY_INTERVAL_HOURS: '6' }, { cwd: CWD });
    assert.equal(config.features.autoDiscoveryIntervalHours, 6);
  });

  it('lists every bad variable with what it expects', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_POOL_SIZE: '0',
      LOG_LEVEL: 'verbose',
      ENABLE_SENTIMENT_ANALYSIS: 'sometimes',
      KRAKEN_BASE_URL: 'ftp://kraken',
      FREE_TIER_LIMIT: 'lots',
      BINANCE_WS_URLS: 'https://not-a-websocket',
    });
    assert.deepEqual(problems, [
      'PORT: expected an integer from 1 to 65535, got "abc"',
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
      'DATABASE_POOL_SIZE: expected an integer from 1 to 500, got "0"',
      'ENABLE_SENTIMENT_ANALYSIS: expected true or false, got "sometimes"',
      'FREE_TIER_LIMIT: expected limits like "30/minute" or "100/minute,5000/day" (window: second, minute, hour or day), got "lots"',
      'BINANCE_WS_URLS: expected a comma-separated list of URLs starting with ws:// or wss://, got "https://not-a-websocket"',
      'KRAKEN_BASE_URL: expected a URL starting with http:// or https://, got "ftp://kraken"',
    ]);
  });

  it('switches to PostgreSQL on a postgres:// DATABASE_URL, with the pool size', () => {
    const config = loadConfig(
      { ...BASE, DATABASE_URL: 'postgres://app@db:5432/crypto', DATABASE_POOL_SIZE: '5' },
      { cwd: CWD },
    );
    assert.deepEqual(config.database, {
      type: 'postgres',
      url: 'postgres://app@db:5432/crypto',
      poolSize: 5,
      retentionDays: 90,
      skipMigrations: false,
    });
  });

  it('accepts sqlite:<file>, relative to DATA_DIR', () => {
    const config = loadConfig({ ...BASE, DATABASE_URL: 'sqlite:other.db' }, { cwd: CWD });
    assert.deepEqual(
      { type: config.database.type, file: 'file' in config.database ? config.database.file : '' },
      { type: 'sqlite', file: join(CWD, 'data', 'other.db') },
    );
  });

  it('rejects other database schemes by name', () => {
    assert.deepEqual(problemsOf({ DATABASE_URL: 'mysql://x' }), [
      'DATABASE_URL: expected postgres://user@host:5432/db or sqlite:<file> (unset for the SQLite file in DATA_DIR), got scheme "mysql"',
    ]);
  });

  it('refuses to start in production, or with NODE_ENV unset, without secrets', () => {
    const missing = [
      'JWT_SECRET_KEY: required unless NODE_ENV=development or test (a random string of 32+ characters)',
      'API_KEY_SALT: required unless NODE_ENV=development or test (a random string of 32+ characters)',
    ];
    assert.deepEqual(problemsOf({ NODE_ENV: 'production' }), missing);
    assert.deepEqual(problemsOf({}, FILES), missing);
    const unset = loadConfig({ ...FILES, ...PROD_SECRETS, NODE_ENV: '' }, { cwd: CWD });
    assert.equal(unset.environment, 'production');
  });

  it('refuses default, example and short secrets in production (ENVIRONMENT works too)', () => {
    assert.deepEqual(
      problemsOf(
        { ENVIRONMENT: 'production', JWT_SECRET_KEY: 'change-me', API_KEY_SALT: 'short' },
        FILES,
      ),
      [
        `JWT_SECRET_KEY: a default or example value cannot be used unless NODE_ENV=development or test ${GENERATE_HINT}`,
        `API_KEY_SALT: expected at least 32 characters unless NODE_ENV=development or test, got 5 ${GENERATE_HINT}`,
      ],
    );
    const config = loadConfig({ ...BASE, ...PROD_SECRETS }, { cwd: CWD });
    assert.equal(config.environment, 'production');
    assert.equal(config.security.jwtSecret, PROD_SECRETS.JWT_SECRET_KEY);
  });

  it("holds ADMIN_API_KEY to the secrets' rules in production, and leaves it optional", () => {
    const prod = { ...FILES, ...PROD_SECRETS };
    assert.deepEqual(problemsOf({ ADMIN_API_KEY: 'admin' }, prod), [
      `ADMIN_API_KEY: a default or example value cannot be used unless NODE_ENV=development or test ${GENERATE_HINT}`,
    ]);
    assert.deepEqual(problemsOf({ ADMIN_API_KEY: 'Change-Me' }, prod), [
      `ADMIN_API_KEY: a default or example value cannot be used unless NODE_ENV=development or test ${GENERATE_HINT}`,
    ]);
    assert.deepEqual(problemsOf({ ADMIN_API_KEY: 'a'.repeat(31) }, prod), [
      `ADMIN_API_KEY: expected at least 32 characters unless NODE_ENV=development or test, got 31 ${GENERATE_HINT}`,
    ]);
    assert.deepEqual(problemsOf({ ADMIN_API_KEY: 'ab'.repeat(20) }, prod), [
      `ADMIN_API_KEY: too predictable (its characters carry about 40 bits, expected 100+) unless NODE_ENV=development or test ${GENERATE_HINT}`,
    ]);
    const strong = 'xP3q9Tz7Lm2Vb8Nc4Rd6Fg1Hj5Kw0YsAe';
    const config = loadConfig({ ...prod, ADMIN_API_KEY: strong }, { cwd: CWD });
    assert.equal(config.security.adminApiKey, strong);
    assert.equal(loadConfig(prod, { cwd: CWD }).security.adminApiKey, undefined);
    const development = loadConfig({ ...BASE, ADMIN_API_KEY: 'admin' }, { cwd: CWD });
    assert.equal(development.security.adminApiKey, 'admin');
  });

  it('uses development secrets only when NODE_ENV (or ENVIRONMENT) is development or test', () => {
    for (const env of [
      { NODE_ENV: 'development' },
      { NODE_ENV: 'test' },
      { ENVIRONMENT: 'test' },
    ]) {
      const config = loadConfig({ ...FILES, ...env }, { cwd: CWD });
      assert.ok(config.security.jwtSecret.length >= 32);
      assert.notEqual(config.security.jwtSecret, config.security.apiKeySalt);
    }
  });

  it('NEWS_FEEDS replaces the feeds file, naming feeds by host', () => {
    const config = loadConfig(
      {
        ...BASE,
        NEWS_FEEDS: 'https://www.coindesk.com/arc/outboundfeeds/rss/, https://decrypt.co/feed',
      },
      { cwd: CWD },
    );
    assert.deepEqual(config.upstreams.rss.feeds, [
      { name: 'coindesk.com', url: 'https://www.coindesk.com/arc/outboundfeeds/rss' },
      { name: 'decrypt.co', url: 'https://decrypt.co/feed' },
    ]);
    const shared = loadConfig(
      { ...BASE, NEWS_FEEDS: 'https://a.example/one,https://a.example/two,https://b.example/x' },
      { cwd: CWD },
    );
    assert.deepEqual(
      shared.upstreams.rss.feeds.map((f) => f.name),
      ['a.example/one', 'a.example/two', 'b.example'],
    );
    const queried = loadConfig(
      {
        ...BASE,
        NEWS_FEEDS:
          'https://a.example/rss?c=btc,https://a.example/rss?c=eth,https://a.example/rss?c=eth',
      },
      { cwd: CWD },
    );
    assert.deepEqual(queried.upstreams.rss.feeds, [
      { name: 'a.example/rss?c=btc', url: 'https://a.example/rss?c=btc' },
      { name: 'a.example/rss?c=eth', url: 'https://a.example/rss?c=eth' },
    ]);
  });

  it('reports an unreadable feeds file under CONFIG_DIR', () => {
    const problems = problemsOf({ CONFIG_DIR: join(CWD, 'missing') });
    for (const file of ['providers', 'coins', 'tiers', 'feeds']) {
      assert.ok(
        problems.some((p) => new RegExp(`^CONFIG_DIR: cannot read .*${file}\\.json`).test(p)),
        `${file}.json in ${problems.join(' | ')}`,
      );
    }
  });

  it('picks the CoinGecko host and plan from the key', () => {
    const demo = loadConfig({ ...BASE, COINGECKO_API_KEY: 'CG-x' }, { cwd: CWD });
    assert.deepEqual(demo.upstreams.coingecko, {
      baseUrl: 'https://api.coingecko.com/api/v3',
      apiKey: 'CG-x',
      plan: 'demo',
    });
    const pro = loadConfig(
      { ...BASE, COINGECKO_API_KEY: 'CG-x', COINGECKO_API_PLAN: 'pro' },
      { cwd: CWD },
    );
    assert.equal(pro.upstreams.coingecko.baseUrl, 'https://pro-api.coingecko.com/api/v3');
    assert.deepEqual(problemsOf({ COINGECKO_API_PLAN: 'pro' }), [
      'COINGECKO_API_PLAN: expected only together with COINGECKO_API_KEY',
    ]);
  });

  it('gives Fear & Greed its own cache lifetime', () => {
    const config = loadConfig({ ...BASE, CACHE_TTL_FEAR_GREED: '120' }, { cwd: CWD });
    assert.deepEqual(config.cacheTtlSeconds, {
      prices: 300,
      ohlcv: 900,
      defi: 3600,
      fearGreed: 120,
      gas: 15,
    });
  });

  it("validates every upstream plug-in's variables with the core ones, reporting all at once", () => {
    assert.deepEqual(
      problemsOf({
        KRAKEN_BASE_URL: 'ftp://x',
        LOG_LEVEL: 'loud',
        BINANCE_WS_URLS: 'http://a',
      }).sort(),
      [
        'BINANCE_WS_URLS: expected a comma-separated list of URLs starting with ws:// or wss://, got "http://a"',
        'KRAKEN_BASE_URL: expected a URL starting with http:// or https://, got "ftp://x"',
        'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      ],
    );
  });

  it("exposes each plug-in's settings and where it sends requests", () => {
    const config = loadConfig(
      { ...BASE, ETHERSCAN_API_KEY: 'E-key', FEAR_GREED_BASE_URL: 'http://127.0.0.1:9/x/' },
      { cwd: CWD },
    );
    assert.deepEqual(config.upstreams.etherscan, {
      baseUrl: 'https://api.etherscan.io/v2/api',
      apiKey: 'E-key',
    });
    assert.deepEqual(config.upstreams['alternative-me'], { baseUrl: 'http://127.0.0.1:9/x' });
    assert.equal(config.upstreamBaseUrls['alternative-me'], 'http://127.0.0.1:9/x');
    assert.equal(
      config.upstreamBaseUrls.binance,
      'https://api.binance.com,https://data-api.binance.vision,https://api.binance.us',
    );
    assert.equal(config.upstreamBaseUrls.rss, FEEDS[0].url);
  });

  it('parses rate limits, trust proxy, CORS origins and lists', () => {
    const config = loadConfig(
      {
        ...BASE,
        FREE_TIER_LIMIT: '100/minute',
        PRO_TIER_LIMIT: '5000/day',
        TRUST_PROXY: '1',
        CORS_ORIGINS: 'https://a.example, https://b.example',
        BINANCE_BASE_URLS: 'http://127.0.0.1:9000/',
      },
      { cwd: CWD },
    );
    assert.deepEqual(config.tiers.free.limits, [
      { limit: 100, windowSeconds: 60 },
      { limit: 1000, windowSeconds: 86400 },
    ]);
    assert.deepEqual(config.tiers.pro.limits, [
      { limit: 300, windowSeconds: 60 },
      { limit: 5000, windowSeconds: 86400 },
    ]);
    assert.equal(config.server.trustProxy, 1);
    assert.deepEqual(config.server.corsOrigins, ['https://a.example', 'https://b.example']);
    assert.deepEqual(config.upstreams.binance.baseUrls, ['http://127.0.0.1:9000']);
  });

  it('reads the collector schedule and watchlist, with env overrides checked', () => {
    const config = loadConfig(
      { ...BASE, SCHEDULE_PRICES: '*/2 * * * *', WATCHLIST: 'btc, wrapped-bitcoin' },
      { cwd: CWD },
    );
    assert.deepEqual(config.schedule, {
      prices: '*/2 * * * *',
      candles: '0 * * * *',
      trending: '*/30 * * * *',
      coins: '20 0 * * *',
      defi: '10 * * * *',
      news: '*/30 * * * *',
      fearGreed: '5 * * * *',
      cleanup: '0 3 * * *',
      backup: '0 2 * * *',
      sentiment: '15 * * * *',
      sentimentRescore: '45 * * * *',
      health: '*/5 * * * *',
      statsBroadcast: '*/5 * * * *',
    });
    assert.deepEqual(config.watchlist, ['btc', 'wrapped-bitcoin']);
    assert.deepEqual(loadConfig(BASE, { cwd: CWD }).watchlist, []);
    assert.deepEqual(problemsOf({ SCHEDULE_TRENDING: 'often', WATCHLIST: 'BTC,NO PE' }), [
      'SCHEDULE_TRENDING: expected a cron expression, got "often"',
      'WATCHLIST: expected comma-separated tickers or CoinGecko ids (letters, digits, "-"), got "BTC,NO PE"',
    ]);
  });

  it('requires the heartbeat timeout to exceed the interval', () => {
    assert.deepEqual(
      problemsOf({ WEBSOCKET_HEARTBEAT_INTERVAL: '30', WEBSOCKET_HEARTBEAT_TIMEOUT: '10' }),
      [
        'WEBSOCKET_HEARTBEAT_TIMEOUT: expected more than WEBSOCKET_HEARTBEAT_INTERVAL (30), got "10"',
      ],
    );
  });

  it('hedges after 300 to 800 ms by default, takes other bounds, and 0 turns hedging off', () => {
    assert.deepEqual(loadConfig(BASE, { cwd: CWD }).resilience.hedge, { minMs: 300, maxMs: 800 });
    const bounds = { PROVIDER_HEDGE_MIN_MS: '100', PROVIDER_HEDGE_MAX_MS: '400' };
    assert.deepEqual(loadConfig({ ...BASE, ...bounds }, { cwd: CWD }).resilience.hedge, {
      minMs: 100,
      maxMs: 400,
    });
    const off = { ...BASE, PROVIDER_HEDGE_MAX_MS: '0' };
    assert.equal(loadConfig(off, { cwd: CWD }).resilience.hedge, null);
    assert.deepEqual(problemsOf({ PROVIDER_HEDGE_MIN_MS: '900', PROVIDER_HEDGE_MAX_MS: '500' }), [
      'PROVIDER_HEDGE_MAX_MS: expected at least PROVIDER_HEDGE_MIN_MS (900), or 0 to turn hedging off, got "500"',
    ]);
  });
});
