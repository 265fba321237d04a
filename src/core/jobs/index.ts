export type { JobDefinition, JobRun, JobStatus } from './job.types';
export { JobScheduler } from './job-scheduler';
export { JobsModule } from './jobs.module';
export { ScheduledJobs } from './scheduled-jobs';
