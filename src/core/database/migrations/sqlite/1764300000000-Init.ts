import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764300000000 implements MigrationInterface {
  name = 'Init1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_requests" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "ip_address" varchar(64) NOT NULL, "api_key_id" integer, "endpoint" varchar(300) NOT NULL, "status" integer NOT NULL, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_user_requests_api_key_timestamp" ON "user_requests" ("api_key_id", "timestamp") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_user_requests_timestamp" ON "user_requests" ("timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "defi_protocols" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "slug" varchar(200) NOT NULL, "tvl" double precision NOT NULL, "chain" varchar(100), "chains" text NOT NULL, "symbol" varchar(40), "category" varchar(100), "change_1d" double precision, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_defi_protocols_timestamp" ON "defi_protocols" ("timestamp") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_defi_protocols_slug_timestamp" ON "defi_protocols" ("slug", "timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "market_snapshots" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "btc_price" double precision, "eth_price" double precision, "market_cap" double precision, "volume_24h" double precision, "btc_dominance" double precision, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_market_snapshots_timestamp" ON "market_snapshots" ("timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ohlcv" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "symbol" varchar(20) NOT NULL, "interval" varchar(4) NOT NULL, "open_time" bigint NOT NULL, "open" double precision NOT NULL, "high" double precision NOT NULL, "low" double precision NOT NULL, "close" double precision NOT NULL, "volume" double precision NOT NULL, "provider" varchar(40) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ohlcv_symbol_interval_open_time" ON "ohlcv" ("symbol", "interval", "open_time") `,
    );
    await queryRunner.query(
      `CREATE TABLE "prices" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "symbol" varchar(20) NOT NULL, "price" double precision NOT NULL, "volume_24h" double precision, "market_cap" double precision, "change_24h" double precision, "provider" varchar(40) NOT NULL, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_prices_symbol_timestamp" ON "prices" ("symbol", "timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "news" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" text NOT NULL, "url" varchar(2048) NOT NULL, "content" text, "source" varchar(100) NOT NULL, "published_at" bigint NOT NULL, "sentiment" varchar(20), "sentiment_score" double precision, "sentiment_model" varchar(200), "symbols" text NOT NULL, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_news_published_at" ON "news" ("published_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_news_url" ON "news" ("url") `);
    await queryRunner.query(
      `CREATE TABLE "api_calls" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "endpoint" varchar(300) NOT NULL, "provider" varchar(60) NOT NULL, "response_time" integer, "status" varchar(30) NOT NULL, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_api_calls_timestamp" ON "api_calls" ("timestamp") `);
    await queryRunner.query(
      `CREATE INDEX "idx_api_calls_provider_timestamp" ON "api_calls" ("provider", "timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pools" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(60) NOT NULL, "category" varchar(30) NOT NULL, "strategy" varchar(30) NOT NULL, "created_at" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_pools_name" ON "pools" ("name") `);
    await queryRunner.query(
      `CREATE TABLE "providers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(60) NOT NULL, "category" varchar(100) NOT NULL, "base_url" varchar(500) NOT NULL, "status" varchar(20) NOT NULL, "health_score" double precision NOT NULL DEFAULT (100), "last_check" bigint, "priority" integer NOT NULL DEFAULT (100), "enabled" boolean NOT NULL DEFAULT (1), "requires_key" boolean NOT NULL DEFAULT (0), "last_error" text, "created_at" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_providers_name" ON "providers" ("name") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_providers_name"`);
    await queryRunner.query(`DROP TABLE "providers"`);
    await queryRunner.query(`DROP INDEX "uq_pools_name"`);
    await queryRunner.query(`DROP TABLE "pools"`);
    await queryRunner.query(`DROP INDEX "idx_api_calls_provider_timestamp"`);
    await queryRunner.query(`DROP INDEX "idx_api_calls_timestamp"`);
    await queryRunner.query(`DROP TABLE "api_calls"`);
    await queryRunner.query(`DROP INDEX "uq_news_url"`);
    await queryRunner.query(`DROP INDEX "idx_news_published_at"`);
    await queryRunner.query(`DROP TABLE "news"`);
    await queryRunner.query(`DROP INDEX "idx_prices_symbol_timestamp"`);
    await queryRunner.query(`DROP TABLE "prices"`);
    await queryRunner.query(`DROP INDEX "uq_ohlcv_symbol_interval_open_time"`);
    await queryRunner.query(`DROP TABLE "ohlcv"`);
    await queryRunner.query(`DROP INDEX "idx_market_snapshots_timestamp"`);
    await queryRunner.query(`DROP TABLE "market_snapshots"`);
    await queryRunner.query(`DROP INDEX "idx_defi_protocols_slug_timestamp"`);
    await queryRunner.query(`DROP INDEX "idx_defi_protocols_timestamp"`);
    await queryRunner.query(`DROP TABLE "defi_protocols"`);
    await queryRunner.query(`DROP INDEX "idx_user_requests_timestamp"`);
    await queryRunner.query(`DROP INDEX "idx_user_requests_api_key_timestamp"`);
    await queryRunner.query(`DROP TABLE "user_requests"`);
  }
}
