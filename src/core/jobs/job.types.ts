/** What a job is and what its runs look like: shared by the scheduler, its store and callers. */

export interface JobDefinition {
  /** Unique job name, e.g. "news". */
  name: string;
  cron: string;
  /** Does the work and says how many rows it stored. */
  run: () => Promise<number>;
  /** Also run once right after start (when background tasks are on); a check may read a store. */
  runAtStart?: boolean | (() => boolean | Promise<boolean>);
}

export interface JobRun {
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  result: 'ok' | 'failed';
  rows: number | null;
  error: string | null;
}

export interface JobStatus {
  name: string;
  cron: string;
  /** Scheduled: background tasks are on. Manual runs work either way. */
  enabled: boolean;
  running: boolean;
  lastRun: JobRun | null;
  nextRun: Date | null;
}
