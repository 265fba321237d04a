import { MigrationInterface, QueryRunner } from 'typeorm';

export class DefiNewsFearGreed1764700000000 implements MigrationInterface {
  name = 'DefiNewsFearGreed1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "defi_tvl_daily" ("day" bigint NOT NULL, "tvl" double precision NOT NULL, "provider" character varying(40) NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "PK_7eabe042cf4a7fe252171a853f1" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "fear_greed" ("day" bigint NOT NULL, "value" integer NOT NULL, "classification" character varying(40) NOT NULL, "provider" character varying(40) NOT NULL, "fetched_at" bigint NOT NULL, CONSTRAINT "PK_8482e7b5df2bb2e3b1e661260e8" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "news_feeds" ("name" character varying(100) NOT NULL, "url" character varying(2048) NOT NULL, "etag" character varying(300), "last_modified" character varying(100), "last_fetched_at" bigint, "last_success_at" bigint, "last_error" text, "items_stored" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_8e83b6d54993ed35321210fa49b" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(`ALTER TABLE "defi_protocols" ADD "change_7d" double precision`);
    await queryRunner.query(`ALTER TABLE "news" ADD "image_url" character varying(2048)`);
    await queryRunner.query(
      `ALTER TABLE "news" ADD "title_key" character varying(300) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(`CREATE INDEX "idx_news_title_key" ON "news"  ("title_key") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_news_title_key"`);
    await queryRunner.query(`ALTER TABLE "news" DROP COLUMN "title_key"`);
    await queryRunner.query(`ALTER TABLE "news" DROP COLUMN "image_url"`);
    await queryRunner.query(`ALTER TABLE "defi_protocols" DROP COLUMN "change_7d"`);
    await queryRunner.query(`DROP TABLE "news_feeds"`);
    await queryRunner.query(`DROP TABLE "fear_greed"`);
    await queryRunner.query(`DROP TABLE "defi_tvl_daily"`);
  }
}
