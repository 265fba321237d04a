import { MigrationInterface, QueryRunner } from 'typeorm';

/** The stored market list, and symbols widened to hold CoinGecko ids (altered in place). */
export class CoinListings1764600000000 implements MigrationInterface {
  name = 'CoinListings1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "coin_listings" ("id" character varying(100) NOT NULL, "symbol" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "market_cap" double precision, "market_cap_rank" integer, "updated_at" bigint NOT NULL, CONSTRAINT "PK_8fb67139f083567f76460250689" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_coin_listings_symbol" ON "coin_listings"  ("symbol") `,
    );
    await queryRunner.query(`ALTER TABLE "ohlcv" ALTER COLUMN "symbol" TYPE character varying(64)`);
    await queryRunner.query(
      `ALTER TABLE "prices" ALTER COLUMN "symbol" TYPE character varying(64)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "prices" ALTER COLUMN "symbol" TYPE character varying(20)`,
    );
    await queryRunner.query(`ALTER TABLE "ohlcv" ALTER COLUMN "symbol" TYPE character varying(20)`);
    await queryRunner.query(`DROP INDEX "public"."idx_coin_listings_symbol"`);
    await queryRunner.query(`DROP TABLE "coin_listings"`);
  }
}
