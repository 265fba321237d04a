import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { JobScheduler } from '../core/jobs';
import { DefiService } from './defi.service';

/** Hourly (SCHEDULE_DEFI): the top protocols as one stored run, and the day's total TVL. */
@Injectable()
export class DefiCollector implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly defi: DefiService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({
      name: 'defi',
      cron: this.config.schedule.defi,
      run: () => this.defi.collect(),
    });
  }
}
