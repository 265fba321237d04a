import { Injectable } from '@nestjs/common';
import { DiagnosticsStore } from '../diagnostics.store';
import {
  type DiagnosticCheck,
  type DiagnosticFix,
  type DiagnosticIssue,
  issue,
} from '../diagnostics.types';

const NAME = 'database_integrity';

/** The database answers and is sound; pending migrations are run by the fix. */
@Injectable()
export class DatabaseIntegrityCheck implements DiagnosticCheck {
  readonly name = NAME;

  constructor(private readonly store: DiagnosticsStore) {}

  async run(): Promise<DiagnosticIssue[]> {
    const found: DiagnosticIssue[] = [];
    const result = await this.store.databaseSound();
    if (result !== 'ok') {
      found.push(issue(NAME, 'critical', `quick_check: ${result}`));
    }
    if (await this.store.migrationsPending()) {
      found.push(issue(NAME, 'critical', 'migrations are pending', { fixable: true }));
    }
    return found;
  }

  async fix(): Promise<DiagnosticFix[]> {
    const ran = await this.store.runMigrations();
    const fixes: DiagnosticFix[] = [
      { check: NAME, action: `ran ${ran} pending migrations`, result: 'applied' },
    ];
    if (this.store.isSqlite) {
      await this.store.optimize();
      fixes.push({ check: NAME, action: 'PRAGMA optimize', result: 'applied' });
    }
    return fixes;
  }
}
