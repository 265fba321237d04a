import { MigrationInterface, QueryRunner } from 'typeorm';

export class PoolMembers1764400000000 implements MigrationInterface {
  name = 'PoolMembers1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pool_members" ("id" SERIAL NOT NULL, "pool_id" integer NOT NULL, "provider_id" integer NOT NULL, "weight" integer NOT NULL DEFAULT '1', "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_1fb453508287fa1f08b059ca753" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_pool_members_pool_provider" ON "pool_members"  ("pool_id", "provider_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "pool_members" ADD CONSTRAINT "FK_3fef267632c31cba741a3765806" FOREIGN KEY ("pool_id") REFERENCES "pools"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pool_members" ADD CONSTRAINT "FK_304f66b12f14abead03a72b3411" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "pool_members" DROP CONSTRAINT "FK_304f66b12f14abead03a72b3411"`,
    );
    await queryRunner.query(
      `ALTER TABLE "pool_members" DROP CONSTRAINT "FK_3fef267632c31cba741a3765806"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_pool_members_pool_provider"`);
    await queryRunner.query(`DROP TABLE "pool_members"`);
  }
}
