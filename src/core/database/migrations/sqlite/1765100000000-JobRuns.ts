import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobRuns1765100000000 implements MigrationInterface {
  name = 'JobRuns1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_runs" ("name" varchar(60) PRIMARY KEY NOT NULL, "started_at" bigint NOT NULL, "finished_at" bigint NOT NULL, "duration_ms" integer NOT NULL, "result" varchar(10) NOT NULL, "rows" integer, "error" text)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_runs"`);
  }
}
