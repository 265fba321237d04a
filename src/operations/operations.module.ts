import { Module } from '@nestjs/common';
import { BackupService } from './backups/backup.service';
import { BackupsController } from './backups/backups.controller';
import { JobsController } from './jobs.controller';
import { RetentionService } from './retention/retention.service';

/** What operators use to see and steer the running service. */
@Module({
  controllers: [JobsController, BackupsController],
  providers: [RetentionService, BackupService],
  exports: [RetentionService, BackupService],
})
export class OperationsModule {}
