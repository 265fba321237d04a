import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { type AppConfig, InjectConfig } from '../core/config';
import { sqliteCheck } from '../core/database/sqlite-check';
import { DIAGNOSTICS_TIME_LIMIT_MS } from './diagnostics.types';
import { diskSpace } from './system-stats';

/** The file system and database work diagnostics need, so the checks themselves do no I/O. */
@Injectable()
export class DiagnosticsStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get isSqlite(): boolean {
    return this.config.database.type === 'sqlite';
  }

  /** SQLite: `quick_check` in a worker ("ok" or the problems); PostgreSQL: a round trip. */
  async databaseSound(): Promise<string> {
    if (this.config.database.type === 'sqlite') {
      return sqliteCheck({
        file: this.config.database.file,
        pragma: 'quick_check',
        timeoutMs: DIAGNOSTICS_TIME_LIMIT_MS,
      });
    }
    await this.dataSource.query('SELECT 1');
    return 'ok';
  }

  migrationsPending(): Promise<boolean> {
    return this.dataSource.showMigrations();
  }

  /** Runs the pending migrations; how many ran. */
  async runMigrations(): Promise<number> {
    return (await this.dataSource.runMigrations({ transaction: 'each' })).length;
  }

  async optimize(): Promise<void> {
    await this.dataSource.query('PRAGMA optimize');
  }

  /** Throws with the parser's or the file system's message when the file is not valid JSON. */
  readJson(path: string): void {
    JSON.parse(readFileSync(path, 'utf8'));
  }

  isWritable(dir: string): boolean {
    try {
      accessSync(dir, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }

  /** Creates the folder (and its parents) and checks it can be written to. */
  createDirectory(dir: string): void {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  }

  diskSpace(path: string): Promise<{ freeBytes: number; totalBytes: number }> {
    return diskSpace(path);
  }
}
