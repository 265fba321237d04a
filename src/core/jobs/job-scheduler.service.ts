import { Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { type AppConfig, InjectConfig } from '../config';
import { MetricsService } from '../metrics/metrics.service';
import { JobRunStore } from './job-run.store';
import type { JobDefinition, JobRun, JobStatus } from './job.types';

interface JobEntry {
  definition: JobDefinition;
  cronJob?: CronJob;
  running?: Promise<JobRun>;
  lastRun: JobRun | null;
}

/**
 * Every background job, in one place: its cron (registered with @nestjs/schedule when
 * ENABLE_BACKGROUND_TASKS is on), its runs (scheduled or triggered) and their outcome. A run
 * never overlaps another run of the same job: a trigger while one is running gets that run.
 * Each job's last run is stored, so it survives a restart.
 */
@Injectable()
export class JobScheduler implements OnModuleInit {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly jobs = new Map<string, JobEntry>();
  private stored = new Map<string, JobRun>();

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly metrics: MetricsService,
    private readonly store: JobRunStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Runs before any module's onApplicationBootstrap, where jobs are scheduled. */
  async onModuleInit(): Promise<void> {
    this.stored = await this.store.lastRuns();
  }

  get enabled(): boolean {
    return this.config.features.backgroundTasks;
  }

  schedule(definition: JobDefinition): void {
    const entry: JobEntry = { definition, lastRun: this.stored.get(definition.name) ?? null };
    this.jobs.set(definition.name, entry);
    if (!this.enabled) {
      return;
    }
    entry.cronJob = CronJob.from({
      cronTime: definition.cron,
      start: true,
      onTick: () => void this.execute(entry),
    });
    this.registry.addCronJob(definition.name, entry.cronJob);
    void this.runAtStartIfDue(entry);
  }

  private async runAtStartIfDue(entry: JobEntry): Promise<void> {
    const atStart = entry.definition.runAtStart;
    try {
      if (await (typeof atStart === 'function' ? atStart() : atStart)) {
        await this.execute(entry);
      }
    } catch (error) {
      this.logger.warn(
        `${entry.definition.name}: start-up check failed: ${(error as Error).message}`,
      );
    }
  }

  /** Runs a job now, or joins the run in progress. */
  run(name: string): Promise<JobRun> {
    const entry = this.jobs.get(name);
    if (!entry) {
      throw new NotFoundException(
        `No job named "${name}"; jobs: ${[...this.jobs.keys()].sort().join(', ')}`,
      );
    }
    return this.execute(entry);
  }

  list(): JobStatus[] {
    return [...this.jobs.values()]
      .map((entry) => ({
        name: entry.definition.name,
        cron: entry.definition.cron,
        enabled: entry.cronJob !== undefined,
        running: entry.running !== undefined,
        lastRun: entry.lastRun,
        nextRun: entry.cronJob ? entry.cronJob.nextDate().toJSDate() : null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private execute(entry: JobEntry): Promise<JobRun> {
    entry.running ??= this.track(entry).finally(() => {
      entry.running = undefined;
    });
    return entry.running;
  }

  private async track(entry: JobEntry): Promise<JobRun> {
    const { name } = entry.definition;
    const startedAt = new Date();
    let rows: number | null = null;
    let error: string | null = null;
    try {
      rows = await entry.definition.run();
      this.logger.log(`${name}: stored ${rows} rows`);
    } catch (failure) {
      error = (failure as Error).message;
      this.logger.warn(`${name} failed: ${error}`);
    }
    const finishedAt = new Date();
    this.metrics.jobRuns.inc({ job: name, result: error === null ? 'ok' : 'failed' });
    entry.lastRun = {
      startedAt,
      finishedAt,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      result: error === null ? 'ok' : 'failed',
      rows,
      error,
    };
    await this.store.save(name, entry.lastRun).catch((failure: Error) => {
      this.logger.warn(`${name}: could not store its run: ${failure.message}`);
    });
    return entry.lastRun;
  }
}
