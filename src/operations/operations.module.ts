import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { RetentionService } from './retention/retention.service';

/** What operators use to see and steer the running service. */
@Module({
  controllers: [JobsController],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class OperationsModule {}
