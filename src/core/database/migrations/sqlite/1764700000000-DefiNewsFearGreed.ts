import { MigrationInterface, QueryRunner } from 'typeorm';

export class DefiNewsFearGreed1764700000000 implements MigrationInterface {
  name = 'DefiNewsFearGreed1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "defi_tvl_daily" ("day" bigint PRIMARY KEY NOT NULL, "tvl" double precision NOT NULL, "provider" varchar(40) NOT NULL, "updated_at" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "fear_greed" ("day" bigint PRIMARY KEY NOT NULL, "value" integer NOT NULL, "classification" varchar(40) NOT NULL, "provider" varchar(40) NOT NULL, "fetched_at" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "news_feeds" ("name" varchar(100) PRIMARY KEY NOT NULL, "url" varchar(2048) NOT NULL, "etag" varchar(300), "last_modified" varchar(100), "last_fetched_at" bigint, "last_success_at" bigint, "last_error" text, "items_stored" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(`DROP INDEX "idx_defi_protocols_slug_timestamp"`);
    await queryRunner.query(`DROP INDEX "idx_defi_protocols_timestamp"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_defi_protocols" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "slug" varchar(200) NOT NULL, "tvl" double precision NOT NULL, "chain" varchar(100), "chains" text NOT NULL, "symbol" varchar(40), "category" varchar(100), "change_1d" double precision, "timestamp" bigint NOT NULL, "change_7d" double precision)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_defi_protocols"("id", "name", "slug", "tvl", "chain", "chains", "symbol", "category", "change_1d", "timestamp") SELECT "id", "name", "slug", "tvl", "chain", "chains", "symbol", "category", "change_1d", "timestamp" FROM "defi_protocols"`,
    );
    await queryRunner.query(`DROP TABLE "defi_protocols"`);
    await queryRunner.query(`ALTER TABLE "temporary_defi_protocols" RENAME TO "defi_protocols"`);
    await queryRunner.query(
      `CREATE INDEX "idx_defi_protocols_slug_timestamp" ON "defi_protocols" ("slug", "timestamp") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_defi_protocols_timestamp" ON "defi_protocols" ("timestamp") `,
    );
    await queryRunner.query(`DROP INDEX "uq_news_url"`);
    await queryRunner.query(`DROP INDEX "idx_news_published_at"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_news" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" text NOT NULL, "url" varchar(2048) NOT NULL, "content" text, "source" varchar(100) NOT NULL, "published_at" bigint NOT NULL, "sentiment" varchar(20), "sentiment_score" double precision, "sentiment_model" varchar(200), "symbols" text NOT NULL, "timestamp" bigint NOT NULL, "image_url" varchar(2048), "title_key" varchar(300) NOT NULL DEFAULT (''))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_news"("id", "title", "url", "content", "source", "published_at", "sentiment", "sentiment_score", "sentiment_model", "symbols", "timestamp") SELECT "id", "title", "url", "content", "source", "published_at", "sentiment", "sentiment_score", "sentiment_model", "symbols", "timestamp" FROM "news"`,
    );
    await queryRunner.query(`DROP TABLE "news"`);
    await queryRunner.query(`ALTER TABLE "temporary_news" RENAME TO "news"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_news_url" ON "news" ("url") `);
    await queryRunner.query(`CREATE INDEX "idx_news_published_at" ON "news" ("published_at") `);
    await queryRunner.query(`CREATE INDEX "idx_news_title_key" ON "news" ("title_key") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_news_title_key"`);
    await queryRunner.query(`DROP INDEX "idx_news_published_at"`);
    await queryRunner.query(`DROP INDEX "uq_news_url"`);
    await queryRunner.query(`ALTER TABLE "news" RENAME TO "temporary_news"`);
    await queryRunner.query(
      `CREATE TABLE "news" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" text NOT NULL, "url" varchar(2048) NOT NULL, "content" text, "source" varchar(100) NOT NULL, "published_at" bigint NOT NULL, "sentiment" varchar(20), "sentiment_score" double precision, "sentiment_model" varchar(200), "symbols" text NOT NULL, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "news"("id", "title", "url", "content", "source", "published_at", "sentiment", "sentiment_score", "sentiment_model", "symbols", "timestamp") SELECT "id", "title", "url", "content", "source", "published_at", "sentiment", "sentiment_score", "sentiment_model", "symbols", "timestamp" FROM "temporary_news"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_news"`);
    await queryRunner.query(`CREATE INDEX "idx_news_published_at" ON "news" ("published_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_news_url" ON "news" ("url") `);
    await queryRunner.query(`DROP INDEX "idx_defi_protocols_timestamp"`);
    await queryRunner.query(`DROP INDEX "idx_defi_protocols_slug_timestamp"`);
    await queryRunner.query(`ALTER TABLE "defi_protocols" RENAME TO "temporary_defi_protocols"`);
    await queryRunner.query(
      `CREATE TABLE "defi_protocols" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "slug" varchar(200) NOT NULL, "tvl" double precision NOT NULL, "chain" varchar(100), "chains" text NOT NULL, "symbol" varchar(40), "category" varchar(100), "change_1d" double precision, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "defi_protocols"("id", "name", "slug", "tvl", "chain", "chains", "symbol", "category", "change_1d", "timestamp") SELECT "id", "name", "slug", "tvl", "chain", "chains", "symbol", "category", "change_1d", "timestamp" FROM "temporary_defi_protocols"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_defi_protocols"`);
    await queryRunner.query(
      `CREATE INDEX "idx_defi_protocols_timestamp" ON "defi_protocols" ("timestamp") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_defi_protocols_slug_timestamp" ON "defi_protocols" ("slug", "timestamp") `,
    );
    await queryRunner.query(`DROP TABLE "news_feeds"`);
    await queryRunner.query(`DROP TABLE "fear_greed"`);
    await queryRunner.query(`DROP TABLE "defi_tvl_daily"`);
  }
}
