import { Injectable, NotImplementedException, type OnApplicationBootstrap } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { type AppConfig, InjectConfig } from '../../core/config';
import { JobScheduler } from '../../core/jobs';

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
export const PG_BACKUP_HINT =
  'On PostgreSQL, back up with pg_dump (for example `pg_dump -Fc "$DATABASE_URL" > backup.dump`) and restore with pg_restore';

/**
 * SQLite backups into DATA_DIR/backups with SQLite's online backup (the service keeps serving
 * and writing), each copy checked with `PRAGMA integrity_check` before it counts, the newest
 * BACKUP_KEEP kept. Daily at 02:00 (SCHEDULE_BACKUP) and on demand.
 */
@Injectable()
export class BackupService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobScheduler,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.database.type === 'sqlite') {
      this.jobs.schedule({
        name: 'backup',
        cron: this.config.schedule.backup,
        run: async () => (await this.backup()).sizeBytes,
      });
    }
  }

  async backup(): Promise<BackupResult> {
    if (this.config.database.type !== 'sqlite') {
      throw new NotImplementedException(PG_BACKUP_HINT);
    }
    const started = performance.now();
    const dir = this.config.paths.backupsDir;
    mkdirSync(dir, { recursive: true });
    const createdAt = new Date();
    const file = `${PREFIX}${createdAt.toISOString().replace(/[:.]/g, '-')}.sqlite`;
    const path = join(dir, file);
    const connection = (
      this.dataSource.driver as unknown as { databaseConnection: SqliteConnection }
    ).databaseConnection;
    await connection.backup(path);
    const integrity = integrityOf(path);
    if (integrity !== 'ok') {
      rmSync(path, { force: true });
      throw new Error(`the backup failed its integrity check: ${integrity}`);
    }
    this.prune();
    return {
      file,
      sizeBytes: statSync(path).size,
      createdAt,
      integrity,
      durationMs: Math.round(performance.now() - started),
    };
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
      .filter((name) => name.startsWith(PREFIX) && name.endsWith('.sqlite'))
      .map((name) => {
        const stats = statSync(join(dir, name));
        return { file: name, sizeBytes: stats.size, createdAt: stats.mtime };
      })
      .sort((a, b) => b.file.localeCompare(a.file));
  }

  private prune(): void {
    for (const old of this.list().slice(this.config.backups.keep)) {
      rmSync(join(this.config.paths.backupsDir, old.file), { force: true });
    }
  }
}

/** `PRAGMA integrity_check` on a database file, opened read-only: "ok" or the first problem. */
export function integrityOf(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}
