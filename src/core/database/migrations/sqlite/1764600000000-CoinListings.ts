import { MigrationInterface, QueryRunner } from 'typeorm';

/** The stored market list, and symbols widened to hold CoinGecko ids (SQLite rebuilds the tables). */
export class CoinListings1764600000000 implements MigrationInterface {
  name = 'CoinListings1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "coin_listings" ("id" varchar(100) PRIMARY KEY NOT NULL, "symbol" varchar(40) NOT NULL, "name" varchar(200) NOT NULL, "market_cap" double precision, "market_cap_rank" integer, "updated_at" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_coin_listings_symbol" ON "coin_listings" ("symbol") `,
    );
    await queryRunner.query(`DROP INDEX "uq_ohlcv_symbol_interval_open_time"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_ohlcv" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "symbol" varchar(64) NOT NULL, "interval" varchar(4) NOT NULL, "open_time" bigint NOT NULL, "open" double precision NOT NULL, "high" double precision NOT NULL, "low" double precision NOT NULL, "close" double precision NOT NULL, "volume" double precision NOT NULL, "provider" varchar(40) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_ohlcv"("id", "symbol", "interval", "open_time", "open", "high", "low", "close", "volume", "provider") SELECT "id", "symbol", "interval", "open_time", "open", "high", "low", "close", "volume", "provider" FROM "ohlcv"`,
    );
    await queryRunner.query(`DROP TABLE "ohlcv"`);
    await queryRunner.query(`ALTER TABLE "temporary_ohlcv" RENAME TO "ohlcv"`);
    await queryRunner.query(`DROP INDEX "idx_prices_symbol_timestamp"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_prices" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "symbol" varchar(64) NOT NULL, "price" double precision NOT NULL, "volume_24h" double precision, "market_cap" double precision, "change_24h" double precision, "provider" varchar(40) NOT NULL, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_prices"("id", "symbol", "price", "volume_24h", "market_cap", "change_24h", "provider", "timestamp") SELECT "id", "symbol", "price", "volume_24h", "market_cap", "change_24h", "provider", "timestamp" FROM "prices"`,
    );
    await queryRunner.query(`DROP TABLE "prices"`);
    await queryRunner.query(`ALTER TABLE "temporary_prices" RENAME TO "prices"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ohlcv_symbol_interval_open_time" ON "ohlcv" ("symbol", "interval", "open_time") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_prices_symbol_timestamp" ON "prices" ("symbol", "timestamp") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_prices_symbol_timestamp"`);
    await queryRunner.query(`DROP INDEX "uq_ohlcv_symbol_interval_open_time"`);
    await queryRunner.query(`ALTER TABLE "prices" RENAME TO "temporary_prices"`);
    await queryRunner.query(
      `CREATE TABLE "prices" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "symbol" varchar(20) NOT NULL, "price" double precision NOT NULL, "volume_24h" double precision, "market_cap" double precision, "change_24h" double precision, "provider" varchar(40) NOT NULL, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "prices"("id", "symbol", "price", "volume_24h", "market_cap", "change_24h", "provider", "timestamp") SELECT "id", "symbol", "price", "volume_24h", "market_cap", "change_24h", "provider", "timestamp" FROM "temporary_prices"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_prices"`);
    await queryRunner.query(
      `CREATE INDEX "idx_prices_symbol_timestamp" ON "prices" ("symbol", "timestamp") `,
    );
    await queryRunner.query(`ALTER TABLE "ohlcv" RENAME TO "temporary_ohlcv"`);
    await queryRunner.query(
      `CREATE TABLE "ohlcv" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "symbol" varchar(20) NOT NULL, "interval" varchar(4) NOT NULL, "open_time" bigint NOT NULL, "open" double precision NOT NULL, "high" double precision NOT NULL, "low" double precision NOT NULL, "close" double precision NOT NULL, "volume" double precision NOT NULL, "provider" varchar(40) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "ohlcv"("id", "symbol", "interval", "open_time", "open", "high", "low", "close", "volume", "provider") SELECT "id", "symbol", "interval", "open_time", "open", "high", "low", "close", "volume", "provider" FROM "temporary_ohlcv"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_ohlcv"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ohlcv_symbol_interval_open_time" ON "ohlcv" ("symbol", "interval", "open_time") `,
    );
    await queryRunner.query(`DROP INDEX "idx_coin_listings_symbol"`);
    await queryRunner.query(`DROP TABLE "coin_listings"`);
  }
}
