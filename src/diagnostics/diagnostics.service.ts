import { Inject, Injectable } from '@nestjs/common';
import {
  DIAGNOSTIC_CHECKS,
  DIAGNOSTICS_TIME_LIMIT_MS,
  type DiagnosticCheck,
  type DiagnosticFix,
  type DiagnosticIssue,
  type DiagnosticsReport,
  issue,
} from './diagnostics.types';

/**
 * Runs every check (DIAGNOSTIC_CHECKS) at once within a time limit, and with auto_fix only what
 * is safe to repeat: create missing folders, close open breakers, run pending migrations and
 * `PRAGMA optimize`, reload failed models. The checks do the looking; this only schedules them.
 */
@Injectable()
export class DiagnosticsService {
  private last?: DiagnosticsReport;

  constructor(@Inject(DIAGNOSTIC_CHECKS) private readonly checks: DiagnosticCheck[]) {}

  lastReport(): DiagnosticsReport | undefined {
    return this.last;
  }

  async run(autoFix: boolean): Promise<DiagnosticsReport> {
    const started = performance.now();
    const results = await Promise.all(this.checks.map((check) => this.runCheck(check)));
    const issues = results.flat();
    const fixesApplied = autoFix ? await this.applyFixes(issues) : [];
    this.last = {
      timestamp: new Date(),
      durationMs: Math.round(performance.now() - started),
      autoFix,
      totalChecks: this.checks.length,
      issuesFound: issues.length,
      issues,
      fixesApplied,
    };
    return this.last;
  }

  private runCheck(check: DiagnosticCheck): Promise<DiagnosticIssue[]> {
    return withinTimeLimit(
      () => check.run(),
      (error) => [issue(check.name, 'critical', error.message)],
      () => [issue(check.name, 'warning', `did not finish within ${DIAGNOSTICS_TIME_LIMIT_MS} ms`)],
    );
  }

  /** Fixes run together like the checks; one that fails or hangs is a failed fix, not a 500. */
  private async applyFixes(issues: DiagnosticIssue[]): Promise<DiagnosticFix[]> {
    const fixes = await Promise.all(
      this.checks.map((check) =>
        this.runFix(
          check,
          issues.filter((i) => i.check === check.name && i.fixable),
        ),
      ),
    );
    return fixes.flat();
  }

  private runFix(check: DiagnosticCheck, fixable: DiagnosticIssue[]): Promise<DiagnosticFix[]> {
    if (!check.fix || fixable.length === 0) {
      return Promise.resolve([]);
    }
    const failed = (message: string): DiagnosticFix[] => [
      { check: check.name, action: 'auto-fix', result: 'failed', message },
    ];
    return withinTimeLimit(
      () => check.fix!(fixable),
      (error) => failed(error.message),
      () => failed(`did not finish within ${DIAGNOSTICS_TIME_LIMIT_MS} ms`),
    );
  }
}

/**
 * Runs work within the time limit: its result, onError's for a failure (thrown synchronously or
 * not), or onTimeout's when it is slower.
 */
async function withinTimeLimit<T>(
  work: () => Promise<T>,
  onError: (error: Error) => T,
  onTimeout: () => T,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), DIAGNOSTICS_TIME_LIMIT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(work).catch(onError), limit]);
  } finally {
    clearTimeout(timer);
  }
}
