import { Injectable, Logger } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../core/config';
import { type JobDefinition, JobScheduler, ScheduledJobs } from '../core/jobs';
import { type ModelIdentity, NewsStore } from '../news/news.store';
import type { ModelRole } from './engine/model-catalogue';
import { ModelManager } from './engine/model-manager.service';
import { BATCH, HeadlineScorer } from './headline-scorer.service';

export const RESCORE_JOB = 'sentiment-rescore';

/**
 * Re-scores stored headlines that a model other than the active one scored (another model, or
 * another revision of the same one, as after `npm run model:train`), so the mood aggregates do
 * not mix models. Runs once the models have settled at start, whenever a role's active model
 * changes, and on SCHEDULE_SENTIMENT_RESCORE; newest headlines first, 64 at a time, at most
 * SENTIMENT_RESCORE_LIMIT a run. Nothing to remember between runs: a re-scored row carries the
 * active model's name and revision, so the next run simply starts with what is left.
 */
@Injectable()
export class NewsRescoringJob extends ScheduledJobs {
  private readonly logger = new Logger(NewsRescoringJob.name);

  constructor(
    jobs: JobScheduler,
    private readonly models: ModelManager,
    private readonly scorer: HeadlineScorer,
    private readonly news: NewsStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    if (this.models.enabled) {
      this.models.onActiveChange((role) => this.activeChanged(role));
    }
  }

  protected jobs(): JobDefinition[] {
    if (!this.models.enabled) {
      return [];
    }
    return [
      {
        name: RESCORE_JOB,
        cron: this.config.schedule.sentimentRescore,
        run: () => this.run(),
        runAtStart: true,
      },
    ];
  }

  /** How many headlines were re-scored. */
  async run(): Promise<number> {
    await this.models.settled();
    const limit = this.config.models.rescoreLimit;
    let rescored = 0;
    while (rescored < limit) {
      // Read each batch against the models active now: one may take over during a run.
      const active = { binary: this.identity('sentiment'), market: this.identity('financial') };
      const rows = await this.news.scoredByOthers(active, Math.min(BATCH, limit - rescored));
      const done = await this.scorer.score(rows, (row) => ({
        binary: differs(active.binary, row.sentimentModel, row.sentimentRevision),
        market: differs(active.market, row.marketModel, row.marketRevision),
      }));
      rescored += done;
      // Nothing left, or the models could not score: the next run tries again.
      if (rows.length < BATCH || done === 0) {
        break;
      }
    }
    return rescored;
  }

  private identity(role: ModelRole): ModelIdentity | undefined {
    const state = this.models.active(role);
    return state && { name: state.spec.name, revision: state.revision };
  }

  private activeChanged(role: ModelRole): void {
    if (!this.scheduler.enabled) {
      return;
    }
    this.logger.log(`The active ${role} model changed: re-scoring stored headlines`);
    void this.scheduler.run(RESCORE_JOB);
  }
}

/** A scored view whose model is not the active one (by name, or by revision of the same). */
function differs(
  active: ModelIdentity | undefined,
  model: string | null,
  revision: string | null,
): boolean {
  return (
    active !== undefined &&
    model !== null &&
    (model !== active.name || (revision ?? '') !== (active.revision ?? ''))
  );
}
