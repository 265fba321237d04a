import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';

/** Any constant shared by every replica; PostgreSQL advisory locks are keyed by a bigint. */
const MIGRATION_LOCK_KEY = 7_860_2026;
const logger = new Logger('Database');

/**
 * Opens the data source and, unless DB_SKIP_MIGRATIONS is set, applies pending migrations before
 * anything else can use it. On PostgreSQL an advisory lock makes concurrent replicas wait for the
 * one that migrates instead of racing it.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (options.type === 'better-sqlite3') {
    mkdirSync(dirname(options.database), { recursive: true });
  }
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (!options.migrationsRun) {
    if (await dataSource.showMigrations()) {
      logger.warn('DB_SKIP_MIGRATIONS is set and migrations are pending; the schema may be stale');
    }
    return dataSource;
  }
  const applied = await withMigrationLock(dataSource, () => dataSource.runMigrations());
  logger.log(
    applied.length > 0
      ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`
      : 'schema up to date',
  );
  return dataSource;
}

async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') {
    return work();
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await runner.release();
  }
}
