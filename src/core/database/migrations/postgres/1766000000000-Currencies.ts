import { MigrationInterface, QueryRunner } from 'typeorm';

/** The currencies `vs` accepts, with who quotes each directly and its rate per US dollar. */
export class Currencies1766000000000 implements MigrationInterface {
  name = 'Currencies1766000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "currencies" ("code" character varying(16) NOT NULL, "kind" character varying(16), "name" character varying(100), "quoted_by" character varying(40), "per_usd" double precision, "rate_source" character varying(40), "rate_as_of" character varying(32), "rate_fetched_at" bigint, "updated_at" bigint NOT NULL, CONSTRAINT "PK_9f8d0972aeeb5a2277e40332d29" PRIMARY KEY ("code"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "currencies"`);
  }
}
