import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Everything `/api/market` and `/api/coins/top` need to answer from the database when every
 * provider fails: the overview's remaining global figures (nullable columns, so a plain ADD
 * COLUMN rather than copying the table), and every fetched market list.
 */
export class MarketOverviewStored1765400000000 implements MigrationInterface {
  name = 'MarketOverviewStored1765400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "market_coins" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "rank" integer, "coin_id" varchar(100) NOT NULL, "symbol" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "price" double precision NOT NULL, "change_24h" double precision, "volume_24h" double precision, "market_cap" double precision, "last_updated" bigint, "provider" varchar(40) NOT NULL, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_market_coins_timestamp" ON "market_coins" ("timestamp") `,
    );
    await queryRunner.query(`ALTER TABLE "market_snapshots" ADD "eth_dominance" double precision`);
    await queryRunner.query(
      `ALTER TABLE "market_snapshots" ADD "market_cap_change_24h_pct" double precision`,
    );
    await queryRunner.query(`ALTER TABLE "market_snapshots" ADD "active_cryptocurrencies" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "market_snapshots" DROP COLUMN "active_cryptocurrencies"`);
    await queryRunner.query(
      `ALTER TABLE "market_snapshots" DROP COLUMN "market_cap_change_24h_pct"`,
    );
    await queryRunner.query(`ALTER TABLE "market_snapshots" DROP COLUMN "eth_dominance"`);
    await queryRunner.query(`DROP INDEX "idx_market_coins_timestamp"`);
    await queryRunner.query(`DROP TABLE "market_coins"`);
  }
}
