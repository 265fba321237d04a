import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discovered providers live in `providers` too: where a row came from and its probe time.
 * Columns are added in place (not by rebuilding the table), so pool_members' references stay.
 */
export class DiscoveredProviders1764900000000 implements MigrationInterface {
  name = 'DiscoveredProviders1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "providers" ADD COLUMN "source" varchar(20) NOT NULL DEFAULT ('catalogue')`,
    );
    await queryRunner.query(`ALTER TABLE "providers" ADD COLUMN "latency_ms" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "latency_ms"`);
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "source"`);
  }
}
