import { MigrationInterface, QueryRunner } from 'typeorm';

/** CoinGecko's full coin list, and the last record fetched for each coin asked for. */
export class CoinDirectory1766100000000 implements MigrationInterface {
  name = 'CoinDirectory1766100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "coin_directory" ("id" varchar(200) PRIMARY KEY NOT NULL, "symbol" varchar(100) NOT NULL, "name" varchar(300) NOT NULL, "platforms" text NOT NULL, "updated_at" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "coin_details" ("id" varchar(200) PRIMARY KEY NOT NULL, "detail" text NOT NULL, "fetched_at" bigint NOT NULL, "provider" varchar(40) NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "coin_details"`);
    await queryRunner.query(`DROP TABLE "coin_directory"`);
  }
}
