import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BASE, CWD, FEEDS, problemsOf } from '../../../test/support/config-env';
import { loadConfig } from './load-config';

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
      coinDetail: 300,
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
      currencies: '10 16 * * *',
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
