import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each exchange's stored pair list, for OHLCV of pairs quoted in other than USD. */
export class ExchangePairs1766300000000 implements MigrationInterface {
  name = 'ExchangePairs1766300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exchange_pairs" ("exchange" character varying(40) NOT NULL, "symbol" character varying(64) NOT NULL, "base" character varying(32) NOT NULL, "quote" character varying(32) NOT NULL, "fetched_at" bigint NOT NULL, CONSTRAINT "PK_6526f0a8209eef1e9f1c6fc9f79" PRIMARY KEY ("exchange", "symbol"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_exchange_pairs_base_quote" ON "exchange_pairs" ("base", "quote") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_exchange_pairs_base_quote"`);
    await queryRunner.query(`DROP TABLE "exchange_pairs"`);
  }
}
