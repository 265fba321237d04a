import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrendingCoins1764500000000 implements MigrationInterface {
  name = 'TrendingCoins1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trending_coins" ("id" SERIAL NOT NULL, "rank" integer NOT NULL, "coin_id" character varying(100) NOT NULL, "symbol" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "market_cap_rank" integer, "price_usd" double precision, "score" double precision NOT NULL, "provider" character varying(40) NOT NULL, "timestamp" bigint NOT NULL, CONSTRAINT "PK_1f1abd62d15ad427f86abbcd7d4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_trending_coins_timestamp" ON "trending_coins"  ("timestamp") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_trending_coins_timestamp"`);
    await queryRunner.query(`DROP TABLE "trending_coins"`);
  }
}
