import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AppConfig, InjectConfig } from '../../core/config';

const DAY_MS = 86_400_000;
/** Rows per DELETE: short statements, so readers and writers get the database between them. */
export const CLEANUP_BATCH = 5_000;

/** Time-series tables and the column their age is read from. */
const RETAINED = [
  { table: 'prices', column: 'timestamp' },
  { table: 'ohlcv', column: 'open_time' },
  { table: 'news', column: 'timestamp' },
  { table: 'market_snapshots', column: 'timestamp' },
  { table: 'market_coins', column: 'timestamp' },
  { table: 'trending_coins', column: 'timestamp' },
  { table: 'defi_protocols', column: 'timestamp' },
  { table: 'api_calls', column: 'timestamp' },
  { table: 'user_requests', column: 'timestamp' },
] as const;

/**
 * The daily cleanup (SCHEDULE_CLEANUP): rows older than DATA_RETENTION_DAYS leave every
 * time-series table in batches, yielding between batches, so history keeps answering meanwhile.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Deletes what is past retention; the rows removed per table. */
  async cleanup(now = new Date()): Promise<Record<string, number>> {
    const cutoff = now.getTime() - this.config.database.retentionDays * DAY_MS;
    const removed: Record<string, number> = {};
    for (const { table, column } of RETAINED) {
      removed[table] = await this.purge(table, column, cutoff);
    }
    this.logger.log(
      `retention ${this.config.database.retentionDays} days: removed ${Object.entries(removed)
        .map(([table, count]) => `${table} ${count}`)
        .join(', ')}`,
    );
    return removed;
  }

  private async purge(table: string, column: string, cutoff: number): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.dataSource
        .createQueryBuilder()
        .delete()
        .from(table)
        .where(`id IN (SELECT id FROM ${table} WHERE ${column} < :cutoff LIMIT ${CLEANUP_BATCH})`, {
          cutoff,
        })
        .execute();
      const affected = result.affected ?? 0;
      total += affected;
      if (affected < CLEANUP_BATCH) {
        return total;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
