import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../../core/jobs';
import { BackupService } from './backup.service';

/** The daily SQLite backup (SCHEDULE_BACKUP); PostgreSQL is backed up with its own tools. */
@Injectable()
export class BackupJob extends ScheduledJobs {
  constructor(
    jobs: JobScheduler,
    private readonly backups: BackupService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    if (this.config.database.type !== 'sqlite') {
      return [];
    }
    return [
      {
        name: 'backup',
        cron: this.config.schedule.backup,
        run: async () => (await this.backups.backup()).sizeBytes,
      },
    ];
  }
}
