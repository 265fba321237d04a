import { MigrationInterface, QueryRunner } from 'typeorm';

/** The currencies `vs` accepts, with who quotes each directly and its rate per US dollar. */
export class Currencies1766000000000 implements MigrationInterface {
  name = 'Currencies1766000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "currencies" ("code" varchar(16) PRIMARY KEY NOT NULL, "kind" varchar(16), "name" varchar(100), "quoted_by" varchar(40), "per_usd" double precision, "rate_source" varchar(40), "rate_as_of" varchar(32), "rate_fetched_at" bigint, "updated_at" bigint NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "currencies"`);
  }
}
