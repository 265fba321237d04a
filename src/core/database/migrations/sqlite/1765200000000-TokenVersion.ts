import { MigrationInterface, QueryRunner } from 'typeorm';

export class TokenVersion1765200000000 implements MigrationInterface {
  name = 'TokenVersion1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_api_keys_hash"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_api_keys" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "name" varchar(100) NOT NULL, "tier" varchar(20) NOT NULL, "created_at" bigint NOT NULL, "last_used_at" bigint, "revoked_at" bigint, "token_version" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_api_keys"("id", "hash", "prefix", "name", "tier", "created_at", "last_used_at", "revoked_at") SELECT "id", "hash", "prefix", "name", "tier", "created_at", "last_used_at", "revoked_at" FROM "api_keys"`,
    );
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`ALTER TABLE "temporary_api_keys" RENAME TO "api_keys"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("hash") `);
    // Tokens issued before a revocation that happened before this migration carry no version
    // (read as 0): keys revoked now start at 1, so restoring them does not revive those tokens.
    await queryRunner.query(
      `UPDATE "api_keys" SET "token_version" = 1 WHERE "revoked_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_api_keys_hash"`);
    await queryRunner.query(`ALTER TABLE "api_keys" RENAME TO "temporary_api_keys"`);
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "name" varchar(100) NOT NULL, "tier" varchar(20) NOT NULL, "created_at" bigint NOT NULL, "last_used_at" bigint, "revoked_at" bigint)`,
    );
    await queryRunner.query(
      `INSERT INTO "api_keys"("id", "hash", "prefix", "name", "tier", "created_at", "last_used_at", "revoked_at") SELECT "id", "hash", "prefix", "name", "tier", "created_at", "last_used_at", "revoked_at" FROM "temporary_api_keys"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_api_keys"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("hash") `);
  }
}
