import { Injectable } from '@nestjs/common';
import { ModelManager } from '../../sentiment/engine/model-manager.service';
import {
  type DiagnosticCheck,
  type DiagnosticFix,
  type DiagnosticIssue,
  issue,
} from '../diagnostics.types';

const NAME = 'model_availability';

/** Models that failed to load; the fix loads them again (a crashed worker, a file put in place). */
@Injectable()
export class ModelAvailabilityCheck implements DiagnosticCheck {
  readonly name = NAME;

  constructor(private readonly models: ModelManager) {}

  run(): Promise<DiagnosticIssue[]> {
    if (!this.models.enabled) {
      return Promise.resolve([]);
    }
    return Promise.resolve(
      this.models
        .list()
        .filter((state) => state.status === 'failed')
        .map((state) =>
          issue(NAME, 'warning', `${state.spec.name}: ${state.error}`, {
            fixable: true,
            subject: state.spec.name,
          }),
        ),
    );
  }

  async fix(issues: DiagnosticIssue[]): Promise<DiagnosticFix[]> {
    const failed = issues.flatMap((found) => (found.subject === undefined ? [] : [found.subject]));
    const loaded = await this.models.reloadFailed();
    return failed.map((name) => ({
      check: NAME,
      action: `reloaded ${name}`,
      result: loaded.includes(name) ? 'applied' : 'failed',
    }));
  }
}
