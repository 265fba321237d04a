import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each exchange's stored pair list, for OHLCV of pairs quoted in other than USD. */
export class ExchangePairs1766300000000 implements MigrationInterface {
  name = 'ExchangePairs1766300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exchange_pairs" ("exchange" varchar(40) NOT NULL, "symbol" varchar(64) NOT NULL, "base" varchar(32) NOT NULL, "quote" varchar(32) NOT NULL, "fetched_at" bigint NOT NULL, PRIMARY KEY ("exchange", "symbol"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_exchange_pairs_base_quote" ON "exchange_pairs" ("base", "quote") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_exchange_pairs_base_quote"`);
    await queryRunner.query(`DROP TABLE "exchange_pairs"`);
  }
}
