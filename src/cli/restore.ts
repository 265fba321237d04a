import 'reflect-metadata';
import Database from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, loadConfig, loadEnvFile } from '../core/config';
import { sqliteCheck } from '../core/database/sqlite-check';
import { INTEGRITY_TIMEOUT_MS, PG_BACKUP_HINT } from '../operations/backups/backup.service';

/**
 * npm run db:restore -- <backup file>: puts a checked SQLite backup in place of the configured
 * database, which must not be in use (stop the service first). The copy goes to a temporary file
 * beside the database and is renamed over it, so a failed copy leaves the database as it was.
 */
async function main(): Promise<void> {
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
  const integrity = await sqliteCheck({
    file: backup,
    pragma: 'integrity_check',
    timeoutMs: INTEGRITY_TIMEOUT_MS,
  }).catch((error: Error) => error.message);
  if (integrity !== 'ok') {
    throw new Error(`The backup fails its integrity check: ${integrity}`);
  }
  const target = config.database.file;
  mkdirSync(dirname(target), { recursive: true });
  replaceDatabase(backup, target);
  process.stdout.write(`Restored ${backup} into ${target} (integrity ok)\n`);
}

/**
 * Copies the backup beside the database, flushed to disk, and renames it over the database.
 * The live database is held exclusively meanwhile, with its WAL checkpointed into the file:
 * until the rename it holds every committed row, and the WAL left behind is empty, so it cannot
 * be replayed onto the restored file.
 */
function replaceDatabase(backup: string, target: string): void {
  const live = existsSync(target) ? lockExclusively(target) : undefined;
  const temporary = `${target}.restore-${process.pid}`;
  try {
    live?.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(backup, temporary);
    fsyncFile(temporary);
    live?.close();
    renameSync(temporary, target);
    fsyncFile(dirname(target));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    if (live?.open) {
      live.close();
    }
  }
  for (const suffix of ['-wal', '-shm']) {
    rmSync(`${target}${suffix}`, { force: true });
  }
}

/**
 * An exclusive lock on the database. In WAL mode every open connection (a running service, even
 * an idle one) keeps a shared lock, so with `locking_mode = EXCLUSIVE` this fails while anything
 * has the file open.
 */
function lockExclusively(target: string): Database.Database {
  const db = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return db;
  } catch (error) {
    db.close();
    const { code } = error as { code?: string };
    throw code === 'SQLITE_BUSY'
      ? new Error(`${target} is in use: stop the service (and anything else using it) first`)
      : error;
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
