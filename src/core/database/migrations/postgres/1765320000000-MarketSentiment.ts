import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The market model's view of each headline beside the binary one, and both models' revisions.
 * Nullable columns, so a plain ADD COLUMN (SQLite 3.35+ also drops them) on both dialects.
 */
const COLUMNS = [
  '"sentiment_revision" varchar(16)',
  '"market_sentiment" varchar(20)',
  '"market_bullish" double precision',
  '"market_bearish" double precision',
  '"market_neutral" double precision',
  '"market_model" varchar(200)',
  '"market_revision" varchar(16)',
];

export class MarketSentiment1765320000000 implements MigrationInterface {
  name = 'MarketSentiment1765320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of COLUMNS) {
      await queryRunner.query(`ALTER TABLE "news" ADD ${column}`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of [...COLUMNS].reverse()) {
      await queryRunner.query(`ALTER TABLE "news" DROP COLUMN ${column.split(' ')[0]}`);
    }
  }
}
