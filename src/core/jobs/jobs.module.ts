import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobRunRecord } from './entities/job-run.entity';
import { JobRunStore } from './job-run.store';
import { JobScheduler } from './job-scheduler.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([JobRunRecord])],
  providers: [JobScheduler, JobRunStore],
  exports: [JobScheduler],
})
export class JobsModule {}
