import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../core/jobs';
import { discoveryCron } from './discovery-schedule';
import { DiscoveryService } from './discovery.service';

/** Provider discovery every AUTO_DISCOVERY_INTERVAL_HOURS, when ENABLE_AUTO_DISCOVERY is on. */
@Injectable()
export class DiscoveryJob extends ScheduledJobs {
  constructor(
    jobs: JobScheduler,
    private readonly discovery: DiscoveryService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    const { autoDiscovery, autoDiscoveryIntervalHours: hours } = this.config.features;
    if (!autoDiscovery) {
      return [];
    }
    return [
      {
        name: 'discovery',
        cron: discoveryCron(hours),
        run: async () => (await this.discovery.start().done).validated,
      },
    ];
  }
}
