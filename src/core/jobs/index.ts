export type { JobDefinition, JobRun, JobStatus } from './job.types';
export { JobScheduler } from './job-scheduler.service';
export { JobsModule } from './jobs.module';
export { ScheduledJobs } from './scheduled-jobs';
