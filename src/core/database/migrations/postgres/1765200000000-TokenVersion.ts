import { MigrationInterface, QueryRunner } from 'typeorm';

export class TokenVersion1765200000000 implements MigrationInterface {
  name = 'TokenVersion1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD "token_version" integer NOT NULL DEFAULT '0'`,
    );
    // Tokens issued before a revocation that happened before this migration carry no version
    // (read as 0): keys revoked now start at 1, so restoring them does not revive those tokens.
    await queryRunner.query(
      `UPDATE "api_keys" SET "token_version" = 1 WHERE "revoked_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "token_version"`);
  }
}
