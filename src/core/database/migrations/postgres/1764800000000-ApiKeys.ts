import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1764800000000 implements MigrationInterface {
  name = 'ApiKeys1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" SERIAL NOT NULL, "hash" character varying(64) NOT NULL, "prefix" character varying(16) NOT NULL, "name" character varying(100) NOT NULL, "tier" character varying(20) NOT NULL, "created_at" bigint NOT NULL, "last_used_at" bigint, "revoked_at" bigint, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys"  ("hash") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_api_keys_hash"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
