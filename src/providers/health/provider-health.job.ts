import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../../core/jobs';
import { ProviderDirectory } from '../provider.directory';
import { ProviderHealthFlusher } from './provider-health.flusher';

/**
 * Every 5 minutes (SCHEDULE_HEALTH): a cheap probe of each enabled provider, so health scores and
 * breakers reflect providers no request has used lately; then health is written and changes are
 * announced at once. Says how many providers answered.
 */
@Injectable()
export class ProviderHealthJob extends ScheduledJobs {
  constructor(
    jobs: JobScheduler,
    private readonly directory: ProviderDirectory,
    private readonly flusher: ProviderHealthFlusher,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  protected jobs(): JobDefinition[] {
    return [
      {
        name: 'health',
        cron: this.config.schedule.health,
        run: () => this.probeAll(),
      },
    ];
  }

  async probeAll(): Promise<number> {
    const timeoutMs = this.config.resilience.callTimeoutMs;
    const enabled = this.directory
      .all()
      .filter((r) => r.settings.enabled && !r.unavailableReason && r.definition.background);
    const answered = await Promise.all(
      enabled.map((runtime) =>
        runtime.probe(timeoutMs).then(
          () => true,
          () => false,
        ),
      ),
    );
    await this.flusher.flush();
    return answered.filter(Boolean).length;
  }
}
