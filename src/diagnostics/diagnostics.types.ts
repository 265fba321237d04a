/** What diagnostics report: shared by the checks, the service that runs them and the controller. */

export interface DiagnosticIssue {
  check: string;
  severity: 'critical' | 'warning';
  message: string;
  fixable: boolean;
  /**
   * What the problem is about (a provider id, a folder, a model, a config file), when it is about
   * one thing: a fix acts on it without reading the message.
   */
  subject?: string;
}

export interface DiagnosticFix {
  check: string;
  action: string;
  result: 'applied' | 'failed';
  message?: string;
}

export interface DiagnosticsReport {
  timestamp: Date;
  durationMs: number;
  autoFix: boolean;
  totalChecks: number;
  issuesFound: number;
  issues: DiagnosticIssue[];
  fixesApplied: DiagnosticFix[];
}

/** One diagnostic check: what it looks at and, optionally, the safe repair for what it found. */
export interface DiagnosticCheck {
  readonly name: string;
  run(): Promise<DiagnosticIssue[]>;
  /** Safe, idempotent repairs for the fixable issues this check reported. */
  fix?(issues: DiagnosticIssue[]): Promise<DiagnosticFix[]>;
}

/** Every check, as one multi-provider list (see diagnostics.module.ts). */
export const DIAGNOSTIC_CHECKS = Symbol('DIAGNOSTIC_CHECKS');

/**
 * Every check together must finish within this, and then every fix; a slow one is reported,
 * not waited for.
 */
export const DIAGNOSTICS_TIME_LIMIT_MS = 10_000;

export function issue(
  check: string,
  severity: DiagnosticIssue['severity'],
  message: string,
  options: { fixable?: boolean; subject?: string } = {},
): DiagnosticIssue {
  const found: DiagnosticIssue = { check, severity, message, fixable: options.fixable ?? false };
  if (options.subject !== undefined) {
    found.subject = options.subject;
  }
  return found;
}

/** A fix for each subject, one at a time: one that fails does not hide the others. */
export function fixEach(
  check: string,
  issues: DiagnosticIssue[],
  repair: (subject: string) => { done: string; attempt: string; run: () => void },
): DiagnosticFix[] {
  return issues.flatMap((found): DiagnosticFix[] => {
    if (found.subject === undefined) {
      return [];
    }
    const { done, attempt, run } = repair(found.subject);
    try {
      run();
      return [{ check, action: done, result: 'applied' }];
    } catch (error) {
      return [{ check, action: attempt, result: 'failed', message: (error as Error).message }];
    }
  });
}
