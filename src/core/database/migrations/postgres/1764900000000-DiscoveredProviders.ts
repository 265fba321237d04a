import { MigrationInterface, QueryRunner } from 'typeorm';

export class DiscoveredProviders1764900000000 implements MigrationInterface {
  name = 'DiscoveredProviders1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "providers" ADD "source" character varying(20) NOT NULL DEFAULT 'catalogue'`,
    );
    await queryRunner.query(`ALTER TABLE "providers" ADD "latency_ms" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "latency_ms"`);
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "source"`);
  }
}
