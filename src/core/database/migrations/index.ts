import { Init1764300000000 as PostgresInit } from './postgres/1764300000000-Init';
import { Init1764300000000 as SqliteInit } from './sqlite/1764300000000-Init';

/**
 * Migrations per dialect, listed as classes in the order they apply. Each dialect has its own
 * folder, generated against its own database (`npm run typeorm -- migration:generate`).
 */
export const SQLITE_MIGRATIONS = [SqliteInit];
export const POSTGRES_MIGRATIONS = [PostgresInit];
