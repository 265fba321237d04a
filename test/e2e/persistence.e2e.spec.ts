import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { loadConfig, SQLITE_FILE_NAME } from '../../src/core/config';
import { buildDataSourceOptions, openDataSource } from '../../src/core/database';
import { Price } from '../../src/market/entities/price.entity';
import {
  createTestEnvironment,
  REPO_ROOT,
  startApp,
  type TestEnvironment,
} from '../support/test-app';

const TABLES = [
  'api_calls',
  'api_keys',
  'coin_listings',
  'currencies',
  'defi_protocols',
  'defi_tvl_daily',
  'exchange_pairs',
  'fear_greed',
  'job_runs',
  'market_snapshots',
  'news',
  'news_feeds',
  'ohlcv',
  'pool_members',
  'pools',
  'prices',
  'providers',
  'trending_coins',
  'user_requests',
];

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] =
    dataSource.options.type === 'postgres'
      ? await dataSource.query(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
        )
      : await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table'");
  return rows.map((r) => r.name).sort();
}

describe('persistence', () => {
  let environment: TestEnvironment;

  before(async () => {
    environment = await createTestEnvironment();
  });

  after(async () => {
    await environment.dispose();
  });

  it('migrates a new database on start, and the schema matches the entities exactly', async () => {
    const running = await startApp(environment);
    try {
      const dataSource = running.app.get(DataSource);
      const tables = await tableNames(dataSource);
      assert.deepEqual(
        tables.filter((t) => TABLES.includes(t)),
        TABLES,
      );
      assert.ok(tables.includes('migrations'));
      const applied = await dataSource.query('SELECT name FROM migrations ORDER BY id');
      assert.deepEqual(applied, [
        { name: 'Init1764300000000' },
        { name: 'PoolMembers1764400000000' },
        { name: 'TrendingCoins1764500000000' },
        { name: 'CoinListings1764600000000' },
        { name: 'DefiNewsFearGreed1764700000000' },
        { name: 'ApiKeys1764800000000' },
        { name: 'DiscoveredProviders1764900000000' },
        { name: 'DiscoveredAdapters1765000000000' },
        { name: 'JobRuns1765100000000' },
        { name: 'TokenVersion1765200000000' },
        { name: 'MarketSentiment1765320000000' },
        { name: 'MarketOverviewStored1765400000000' },
        { name: 'Currencies1766000000000' },
        { name: 'CoinDirectory1766100000000' },
        { name: 'ExchangePairs1766300000000' },
        { name: 'MarketCoinChanges1766400000000' },
        { name: 'PricesHistoryIndex1766700000000' },
      ]);
      const drift = await dataSource.driver.createSchemaBuilder().log();
      assert.deepEqual(
        drift.upQueries.map((q) => q.query),
        [],
        'entities and migrations disagree; generate a migration',
      );
      if (running.config.database.type === 'sqlite') {
        assert.ok(existsSync(join(environment.dataDir, SQLITE_FILE_NAME)));
      }
    } finally {
      await running.close();
    }
  });

  it('keeps rows written before a restart and does not migrate twice', async () => {
    const first = await startApp(environment);
    const written = await first.app
      .get(DataSource)
      .getRepository(Price)
      .save({
        symbol: 'BTC',
        price: 97123.45,
        volume24h: 1.5e10,
        marketCap: null,
        change24h: -1.25,
        provider: 'coingecko',
        timestamp: new Date('2026-11-28T01:00:00.000Z'),
      });
    await first.close();

    const second = await startApp(environment);
    try {
      const dataSource = second.app.get(DataSource);
      const found = await dataSource.getRepository(Price).findOneByOrFail({ id: written.id });
      assert.equal(found.symbol, 'BTC');
      assert.equal(found.price, 97123.45);
      assert.equal(found.volume24h, 1.5e10);
      assert.equal(found.marketCap, null);
      assert.equal(found.change24h, -1.25);
      assert.deepEqual(found.timestamp, new Date('2026-11-28T01:00:00.000Z'));
      assert.equal((await dataSource.query('SELECT name FROM migrations')).length, 17);
    } finally {
      await second.close();
    }
  });
});

describe('SQLite settings', { skip: Boolean(process.env.TEST_DATABASE_URL) }, () => {
  it('opens the file in WAL mode with foreign keys on and a busy timeout', async () => {
    const environment = await createTestEnvironment();
    const running = await startApp(environment);
    try {
      const dataSource = running.app.get(DataSource);
      assert.deepEqual(await dataSource.query('PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
      assert.deepEqual(await dataSource.query('PRAGMA foreign_keys'), [{ foreign_keys: 1 }]);
      assert.deepEqual(await dataSource.query('PRAGMA busy_timeout'), [{ timeout: 5000 }]);
    } finally {
      await running.close();
      await environment.dispose();
    }
  });
});

describe('DB_SKIP_MIGRATIONS', () => {
  it('opens a new database without migrating it', async () => {
    const environment = await createTestEnvironment({ DB_SKIP_MIGRATIONS: 'true' });
    const config = loadConfig(environment.env, { cwd: REPO_ROOT });
    const dataSource = await openDataSource(buildDataSourceOptions(config));
    try {
      const tables = await tableNames(dataSource);
      assert.equal(tables.includes('prices'), false);
      assert.deepEqual(await dataSource.query('SELECT name FROM migrations'), []);
    } finally {
      await dataSource.destroy();
      await environment.dispose();
    }
  });
});
