import { Module } from '@nestjs/common';
import { BackupJob } from './backups/backup.job';
import { BackupService } from './backups/backup.service';
import { BackupsController } from './backups/backups.controller';
import { JobsController } from './jobs.controller';
import { RetentionJob } from './retention/retention.job';
import { RetentionService } from './retention/retention.service';

/** What operators use to see and steer the running service. */
@Module({
  controllers: [JobsController, BackupsController],
  providers: [RetentionService, BackupService, RetentionJob, BackupJob],
  exports: [RetentionService, BackupService],
})
export class OperationsModule {}
