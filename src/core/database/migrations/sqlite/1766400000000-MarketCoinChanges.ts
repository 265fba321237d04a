import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 1-hour and 7-day price changes of each stored market-list coin, so that top coins and
 * movers answered from the database carry the same numbers the provider served.
 */
export class MarketCoinChanges1766400000000 implements MigrationInterface {
  name = 'MarketCoinChanges1766400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "market_coins" ADD "change_1h" double precision`);
    await queryRunner.query(`ALTER TABLE "market_coins" ADD "change_7d" double precision`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "market_coins" DROP COLUMN "change_7d"`);
    await queryRunner.query(`ALTER TABLE "market_coins" DROP COLUMN "change_1h"`);
  }
}
