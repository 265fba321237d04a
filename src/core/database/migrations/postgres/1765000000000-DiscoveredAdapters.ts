import { MigrationInterface, QueryRunner } from 'typeorm';

/** How a discovered provider is asked for quotes (its catalogue entry's `quote`), once enabled. */
export class DiscoveredAdapters1765000000000 implements MigrationInterface {
  name = 'DiscoveredAdapters1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" ADD "adapter_spec" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "adapter_spec"`);
  }
}
