import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../core/jobs';
import { CurrenciesService } from './currencies.service';

/**
 * Daily (SCHEDULE_CURRENCIES, after the ECB's ~16:00 CET publication): the currency table and
 * its FX rates; also at start when nothing is stored or the table is a day old.
 */
@Injectable()
export class CurrenciesJob extends ScheduledJobs {
  constructor(
    jobs: JobScheduler,
    private readonly currencies: CurrenciesService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    return [
      {
        name: 'currencies',
        cron: this.config.schedule.currencies,
        run: () => this.currencies.refresh(),
        runAtStart: () => this.currencies.isStale(),
      },
    ];
  }
}
