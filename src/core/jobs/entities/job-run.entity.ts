import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../database/columns';

/** Each job's last run, so `GET /api/jobs` still shows it after a restart. */
@Entity('job_runs')
export class JobRunRecord {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  name!: string;

  @EpochMsColumn({ name: 'started_at' })
  startedAt!: Date;

  @EpochMsColumn({ name: 'finished_at' })
  finishedAt!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  /** ok or failed. */
  @Column({ type: 'varchar', length: 10 })
  result!: string;

  @Column({ type: 'integer', nullable: true })
  rows!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
