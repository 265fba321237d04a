import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config';
import { ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const POSTGRES_CONNECT_TIMEOUT_MS = 10_000;

/**
 * The one place that turns configuration into TypeORM options; used by the Nest module, the
 * TypeORM CLI data source and the tests. `migrationsRun` states the intent; the data source
 * factory in database.module.ts runs them (under a lock on PostgreSQL).
 */
export function buildDataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: !config.database.skipMigrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    logging: ['error' as const],
  };
  if (config.database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      migrations: POSTGRES_MIGRATIONS,
      extra: {
        max: config.database.poolSize,
        connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
      },
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.file,
    enableWAL: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    migrations: SQLITE_MIGRATIONS,
  };
}
