import { MigrationInterface, QueryRunner } from 'typeorm';

/** CoinGecko's full coin list, and the last record fetched for each coin asked for. */
export class CoinDirectory1766100000000 implements MigrationInterface {
  name = 'CoinDirectory1766100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "coin_directory" ("id" character varying(200) NOT NULL, "symbol" character varying(100) NOT NULL, "name" character varying(300) NOT NULL, "platforms" text NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "pk_coin_directory" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "coin_details" ("id" character varying(200) NOT NULL, "detail" text NOT NULL, "fetched_at" bigint NOT NULL, "provider" character varying(40) NOT NULL, CONSTRAINT "pk_coin_details" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "coin_details"`);
    await queryRunner.query(`DROP TABLE "coin_directory"`);
  }
}
