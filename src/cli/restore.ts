import 'reflect-metadata';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, loadEnvFile } from '../core/config';
import { integrityOf, PG_BACKUP_HINT } from '../operations/backups/backup.service';

/**
 * npm run db:restore -- <backup file>: puts a checked SQLite backup in place of the configured
 * database. Run it with the service stopped; the old file's WAL and shared-memory files go too.
 */
function main(): void {
  loadEnvFile();
  const config = loadConfig(process.env);
  const [source] = process.argv.slice(2);
  if (!source) {
    throw new Error('Usage: npm run db:restore -- <backup file>');
  }
  if (config.database.type !== 'sqlite') {
    throw new Error(PG_BACKUP_HINT);
  }
  const backup = resolve(source);
  if (!existsSync(backup)) {
    throw new Error(`No such backup: ${backup}`);
  }
  const integrity = integrityOf(backup);
  if (integrity !== 'ok') {
    throw new Error(`The backup fails its integrity check: ${integrity}`);
  }
  const target = config.database.file;
  for (const suffix of ['-wal', '-shm']) {
    rmSync(`${target}${suffix}`, { force: true });
  }
  copyFileSync(backup, target);
  process.stdout.write(`Restored ${backup} into ${target} (integrity ok)\n`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
}
