import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../core/config';
import { DiagnosticsStore } from '../diagnostics.store';
import {
  type DiagnosticCheck,
  type DiagnosticFix,
  type DiagnosticIssue,
  fixEach,
  issue,
} from '../diagnostics.types';

const NAME = 'required_directories';

/** DATA_DIR and the backups folder exist and are writable; the fix creates them. */
@Injectable()
export class RequiredDirectoriesCheck implements DiagnosticCheck {
  readonly name = NAME;

  constructor(
    private readonly store: DiagnosticsStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  run(): Promise<DiagnosticIssue[]> {
    const { dataDir, backupsDir } = this.config.paths;
    return Promise.resolve(
      [dataDir, backupsDir]
        .filter((dir) => !this.store.isWritable(dir))
        .map((dir) =>
          issue(NAME, 'warning', `${dir} is missing or not writable`, {
            fixable: true,
            subject: dir,
          }),
        ),
    );
  }

  fix(issues: DiagnosticIssue[]): Promise<DiagnosticFix[]> {
    return Promise.resolve(
      fixEach(NAME, issues, (dir) => ({
        done: `created ${dir}`,
        attempt: `create ${dir}`,
        run: () => this.store.createDirectory(dir),
      })),
    );
  }
}
