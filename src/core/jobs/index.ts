export { type JobDefinition, JobScheduler } from './job-scheduler';
export { JobsModule } from './jobs.module';
