import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobRuns1765100000000 implements MigrationInterface {
  name = 'JobRuns1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_runs" ("name" character varying(60) NOT NULL, "started_at" bigint NOT NULL, "finished_at" bigint NOT NULL, "duration_ms" integer NOT NULL, "result" character varying(10) NOT NULL, "rows" integer, "error" text, CONSTRAINT "PK_b85618ada5b365476f91f989ed5" PRIMARY KEY ("name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_runs"`);
  }
}
