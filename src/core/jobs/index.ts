export { type JobDefinition, type JobRun, JobScheduler, type JobStatus } from './job-scheduler';
export { JobsModule } from './jobs.module';
