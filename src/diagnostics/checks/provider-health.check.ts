import { Injectable } from '@nestjs/common';
import { ProviderDirectory } from '../../providers/provider.directory';
import {
  type DiagnosticCheck,
  type DiagnosticFix,
  type DiagnosticIssue,
  fixEach,
  issue,
} from '../diagnostics.types';

const NAME = 'provider_health';

/** Open circuit breakers; the fix closes each one. */
@Injectable()
export class ProviderHealthCheck implements DiagnosticCheck {
  readonly name = NAME;

  constructor(private readonly providers: ProviderDirectory) {}

  run(): Promise<DiagnosticIssue[]> {
    return Promise.resolve(
      this.providers
        .all()
        .filter((runtime) => runtime.breakerState === 'open')
        .map((runtime) =>
          issue(NAME, 'warning', `${runtime.id}: circuit breaker open`, {
            fixable: true,
            subject: runtime.id,
          }),
        ),
    );
  }

  fix(issues: DiagnosticIssue[]): Promise<DiagnosticFix[]> {
    return Promise.resolve(
      fixEach(NAME, issues, (id) => ({
        done: `closed the breaker of ${id}`,
        attempt: `close the breaker of ${id}`,
        run: () => this.providers.get(id).resetBreaker(),
      })),
    );
  }
}
