import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * History reads price, volume and market cap over a symbol's time range: with those columns in
 * the index, SQLite and PostgreSQL answer from the index without visiting the table's rows.
 */
export class PricesHistoryIndex1766700000000 implements MigrationInterface {
  name = 'PricesHistoryIndex1766700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_prices_symbol_timestamp"`);
    await queryRunner.query(
      `CREATE INDEX "idx_prices_history" ON "prices" ("symbol", "timestamp", "price", "volume_24h", "market_cap") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_prices_history"`);
    await queryRunner.query(
      `CREATE INDEX "idx_prices_symbol_timestamp" ON "prices" ("symbol", "timestamp") `,
    );
  }
}
