import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1764800000000 implements MigrationInterface {
  name = 'ApiKeys1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "name" varchar(100) NOT NULL, "tier" varchar(20) NOT NULL, "created_at" bigint NOT NULL, "last_used_at" bigint, "revoked_at" bigint)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("hash") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_api_keys_hash"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
