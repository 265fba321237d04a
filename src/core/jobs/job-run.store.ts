import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { JobRunRecord } from './entities/job-run.entity';
import type { JobRun } from './job.types';

/** `job_runs`: the last run of each job. */
@Injectable()
export class JobRunStore {
  constructor(@InjectRepository(JobRunRecord) private readonly repo: Repository<JobRunRecord>) {}

  async lastRuns(): Promise<Map<string, JobRun>> {
    const rows = await this.repo.find();
    return new Map(
      rows.map((row) => [
        row.name,
        {
          startedAt: row.startedAt,
          finishedAt: row.finishedAt,
          durationMs: row.durationMs,
          result: row.result === 'ok' ? 'ok' : 'failed',
          rows: row.rows,
          error: row.error,
        },
      ]),
    );
  }

  async save(name: string, run: JobRun): Promise<void> {
    await this.repo.upsert({ name, ...run }, ['name']);
  }
}
