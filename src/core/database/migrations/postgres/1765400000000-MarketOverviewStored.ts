import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Everything `/api/market` and `/api/coins/top` need to answer from the database when every
 * provider fails: the overview's remaining global figures, and every fetched market list.
 */
export class MarketOverviewStored1765400000000 implements MigrationInterface {
  name = 'MarketOverviewStored1765400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "market_coins" ("id" SERIAL NOT NULL, "rank" integer, "coin_id" character varying(100) NOT NULL, "symbol" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "price" double precision NOT NULL, "change_24h" double precision, "volume_24h" double precision, "market_cap" double precision, "last_updated" bigint, "provider" character varying(40) NOT NULL, "timestamp" bigint NOT NULL, CONSTRAINT "PK_a53e46f8e8a7e0966bcdfe123bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_market_coins_timestamp" ON "market_coins"  ("timestamp") `,
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
    await queryRunner.query(`DROP INDEX "public"."idx_market_coins_timestamp"`);
    await queryRunner.query(`DROP TABLE "market_coins"`);
  }
}
