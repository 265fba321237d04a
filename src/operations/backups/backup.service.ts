import { Injectable, NotImplementedException, type OnApplicationBootstrap } from '@nestjs/common';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { type AppConfig, InjectConfig } from '../../core/config';
import { sqliteCheck } from '../../core/database/sqlite-check';

export interface BackupFile {
  file: string;
  sizeBytes: number;
  createdAt: Date;
}

export interface BackupResult extends BackupFile {
  integrity: string;
  durationMs: number;
}

/** better-sqlite3's online backup, as TypeORM's driver holds the connection. */
interface SqliteConnection {
  backup(destination: string): Promise<unknown>;
}

const PREFIX = 'crypto-dt-source-';
const EXTENSION = '.sqlite';
/** A copy is written under this suffix and renamed only once it passed its check. */
const PARTIAL = '.partial';
/** integrity_check reads every page: minutes on a database of several GB. */
export const INTEGRITY_TIMEOUT_MS = 30 * 60_000;
export const PG_BACKUP_HINT =
  'On PostgreSQL, back up with pg_dump (for example `pg_dump -Fc "$DATABASE_URL" > backup.dump`) and restore with pg_restore';

/**
 * SQLite backups into DATA_DIR/backups with SQLite's online backup (the service keeps serving
 * and writing), each copy checked with `PRAGMA integrity_check` (in a worker thread) before it
 * counts, the newest BACKUP_KEEP kept. A copy is written as `<name>.partial` and renamed once
 * checked, so a backup that fails midway (a full disk) is never listed or counted by pruning;
 * partial copies (and their `-journal`) left by a process killed midway are removed at start.
 * Daily at 02:00 (SCHEDULE_BACKUP) and on demand.
 */
@Injectable()
export class BackupService implements OnApplicationBootstrap {
  private running?: Promise<BackupResult>;

  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.database.type === 'sqlite') {
      // A kill during a backup leaves its partial copy behind; nothing can be running yet.
      removePartials(this.config.paths.backupsDir);
    }
  }

  /** Takes a backup, or joins the one in progress (each would remove the other's partial). */
  async backup(): Promise<BackupResult> {
    if (this.config.database.type !== 'sqlite') {
      throw new NotImplementedException(PG_BACKUP_HINT);
    }
    this.running ??= this.createBackup().finally(() => (this.running = undefined));
    return this.running;
  }

  private async createBackup(): Promise<BackupResult> {
    const started = performance.now();
    const dir = this.config.paths.backupsDir;
    mkdirSync(dir, { recursive: true });
    removePartials(dir);
    const createdAt = new Date();
    const file = `${PREFIX}${createdAt.toISOString().replace(/[:.]/g, '-')}${EXTENSION}`;
    const path = join(dir, file);
    const integrity = await this.copyChecked(`${path}${PARTIAL}`);
    renameSync(`${path}${PARTIAL}`, path);
    this.prune();
    return {
      file,
      sizeBytes: statSync(path).size,
      createdAt,
      integrity,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /** Backs up into `partial` and checks it; on any failure the partial file is removed. */
  private async copyChecked(partial: string): Promise<string> {
    const connection = (
      this.dataSource.driver as unknown as { databaseConnection: SqliteConnection }
    ).databaseConnection;
    try {
      await connection.backup(partial);
      toSingleFile(partial);
      const integrity = await sqliteCheck({
        file: partial,
        pragma: 'integrity_check',
        timeoutMs: INTEGRITY_TIMEOUT_MS,
      }).catch((error: Error) => error.message);
      if (integrity !== 'ok') {
        throw new Error(`the backup failed its integrity check: ${integrity}`);
      }
      return integrity;
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
  }

  list(): BackupFile[] {
    if (this.config.database.type !== 'sqlite') {
      throw new NotImplementedException(PG_BACKUP_HINT);
    }
    const dir = this.config.paths.backupsDir;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names
      .filter((name) => name.startsWith(PREFIX) && name.endsWith(EXTENSION))
      .map((name) => {
        const stats = statSync(join(dir, name));
        return { file: name, sizeBytes: stats.size, createdAt: stats.mtime };
      })
      .sort((a, b) => b.file.localeCompare(a.file));
  }

  private prune(): void {
    for (const old of this.list().slice(this.config.backups.keep)) {
      // Copies from before backups were single files can have -wal/-shm files beside them.
      for (const suffix of ['', '-wal', '-shm']) {
        rmSync(join(this.config.paths.backupsDir, `${old.file}${suffix}`), { force: true });
      }
    }
  }
}

/**
 * The copy inherits the live database's WAL mode; in rollback mode it is one self-contained
 * file, and opening it read-only (the checks, a restore) leaves no -wal/-shm files beside it.
 */
function toSingleFile(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Partial copies left by a backup the process did not live to finish (and their journals). */
function removePartials(dir: string): void {
  if (!existsSync(dir)) {
    return;
  }
  for (const name of readdirSync(dir)) {
    if (name.startsWith(PREFIX) && name.includes(`${EXTENSION}${PARTIAL}`)) {
      rmSync(join(dir, name), { force: true });
    }
  }
}
