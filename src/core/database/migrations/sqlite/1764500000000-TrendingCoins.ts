import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrendingCoins1764500000000 implements MigrationInterface {
  name = 'TrendingCoins1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trending_coins" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "rank" integer NOT NULL, "coin_id" varchar(100) NOT NULL, "symbol" varchar(20) NOT NULL, "name" varchar(200) NOT NULL, "market_cap_rank" integer, "price_usd" double precision, "score" double precision NOT NULL, "provider" varchar(40) NOT NULL, "timestamp" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_trending_coins_timestamp" ON "trending_coins" ("timestamp") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_trending_coins_timestamp"`);
    await queryRunner.query(`DROP TABLE "trending_coins"`);
  }
}
