import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764300000000 implements MigrationInterface {
  name = 'Init1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_requests" ("id" SERIAL NOT NULL, "ip_address" character varying(64) NOT NULL, "api_key_id" integer, "endpoint" character varying(300) NOT NULL, "status" integer NOT NULL, "timestamp" bigint NOT NULL, CONSTRAINT "PK_b144147b72ee6fb3d4a9147073e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_user_requests_api_key_timestamp" ON "user_requests"  ("api_key_id", "timestamp") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_user_requests_timestamp" ON "user_requests"  ("timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "defi_protocols" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "slug" character varying(200) NOT NULL, "tvl" double precision NOT NULL, "chain" character varying(100), "chains" text NOT NULL, "symbol" character varying(40), "category" character varying(100), "change_1d" double precision, "timestamp" bigint NOT NULL, CONSTRAINT "PK_89d154c4ebf657e45bceffa23ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_defi_protocols_timestamp" ON "defi_protocols"  ("timestamp") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_defi_protocols_slug_timestamp" ON "defi_protocols"  ("slug", "timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "market_snapshots" ("id" SERIAL NOT NULL, "btc_price" double precision, "eth_price" double precision, "market_cap" double precision, "volume_24h" double precision, "btc_dominance" double precision, "timestamp" bigint NOT NULL, CONSTRAINT "PK_fda8554552bb9c9898c5a9bedd4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_market_snapshots_timestamp" ON "market_snapshots"  ("timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ohlcv" ("id" SERIAL NOT NULL, "symbol" character varying(20) NOT NULL, "interval" character varying(4) NOT NULL, "open_time" bigint NOT NULL, "open" double precision NOT NULL, "high" double precision NOT NULL, "low" double precision NOT NULL, "close" double precision NOT NULL, "volume" double precision NOT NULL, "provider" character varying(40) NOT NULL, CONSTRAINT "PK_8fd0fe900a1dfc19c114828c1fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ohlcv_symbol_interval_open_time" ON "ohlcv"  ("symbol", "interval", "open_time") `,
    );
    await queryRunner.query(
      `CREATE TABLE "prices" ("id" SERIAL NOT NULL, "symbol" character varying(20) NOT NULL, "price" double precision NOT NULL, "volume_24h" double precision, "market_cap" double precision, "change_24h" double precision, "provider" character varying(40) NOT NULL, "timestamp" bigint NOT NULL, CONSTRAINT "PK_2e40b9e4e631a53cd514d82ccd2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_prices_symbol_timestamp" ON "prices"  ("symbol", "timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "news" ("id" SERIAL NOT NULL, "title" text NOT NULL, "url" character varying(2048) NOT NULL, "content" text, "source" character varying(100) NOT NULL, "published_at" bigint NOT NULL, "sentiment" character varying(20), "sentiment_score" double precision, "sentiment_model" character varying(200), "symbols" text NOT NULL, "timestamp" bigint NOT NULL, CONSTRAINT "PK_39a43dfcb6007180f04aff2357e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_news_published_at" ON "news"  ("published_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_news_url" ON "news"  ("url") `);
    await queryRunner.query(
      `CREATE TABLE "api_calls" ("id" SERIAL NOT NULL, "endpoint" character varying(300) NOT NULL, "provider" character varying(60) NOT NULL, "response_time" integer, "status" character varying(30) NOT NULL, "timestamp" bigint NOT NULL, CONSTRAINT "PK_c13bd40114bb06091a7dc59d74c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_api_calls_timestamp" ON "api_calls"  ("timestamp") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_api_calls_provider_timestamp" ON "api_calls"  ("provider", "timestamp") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pools" ("id" SERIAL NOT NULL, "name" character varying(60) NOT NULL, "category" character varying(30) NOT NULL, "strategy" character varying(30) NOT NULL, "created_at" bigint NOT NULL, CONSTRAINT "PK_6708c86fc389259de3ee43230ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_pools_name" ON "pools"  ("name") `);
    await queryRunner.query(
      `CREATE TABLE "providers" ("id" SERIAL NOT NULL, "name" character varying(60) NOT NULL, "category" character varying(100) NOT NULL, "base_url" character varying(500) NOT NULL, "status" character varying(20) NOT NULL, "health_score" double precision NOT NULL DEFAULT '100', "last_check" bigint, "priority" integer NOT NULL DEFAULT '100', "enabled" boolean NOT NULL DEFAULT true, "requires_key" boolean NOT NULL DEFAULT false, "last_error" text, "created_at" bigint NOT NULL, CONSTRAINT "PK_af13fc2ebf382fe0dad2e4793aa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_providers_name" ON "providers"  ("name") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_providers_name"`);
    await queryRunner.query(`DROP TABLE "providers"`);
    await queryRunner.query(`DROP INDEX "public"."uq_pools_name"`);
    await queryRunner.query(`DROP TABLE "pools"`);
    await queryRunner.query(`DROP INDEX "public"."idx_api_calls_provider_timestamp"`);
    await queryRunner.query(`DROP INDEX "public"."idx_api_calls_timestamp"`);
    await queryRunner.query(`DROP TABLE "api_calls"`);
    await queryRunner.query(`DROP INDEX "public"."uq_news_url"`);
    await queryRunner.query(`DROP INDEX "public"."idx_news_published_at"`);
    await queryRunner.query(`DROP TABLE "news"`);
    await queryRunner.query(`DROP INDEX "public"."idx_prices_symbol_timestamp"`);
    await queryRunner.query(`DROP TABLE "prices"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ohlcv_symbol_interval_open_time"`);
    await queryRunner.query(`DROP TABLE "ohlcv"`);
    await queryRunner.query(`DROP INDEX "public"."idx_market_snapshots_timestamp"`);
    await queryRunner.query(`DROP TABLE "market_snapshots"`);
    await queryRunner.query(`DROP INDEX "public"."idx_defi_protocols_slug_timestamp"`);
    await queryRunner.query(`DROP INDEX "public"."idx_defi_protocols_timestamp"`);
    await queryRunner.query(`DROP TABLE "defi_protocols"`);
    await queryRunner.query(`DROP INDEX "public"."idx_user_requests_timestamp"`);
    await queryRunner.query(`DROP INDEX "public"."idx_user_requests_api_key_timestamp"`);
    await queryRunner.query(`DROP TABLE "user_requests"`);
  }
}
