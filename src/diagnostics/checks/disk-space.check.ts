import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../../core/config';
import { DiagnosticsStore } from '../diagnostics.store';
import { type DiagnosticCheck, type DiagnosticIssue, issue } from '../diagnostics.types';
import { round1 } from '../system-stats';

/** Below this share of free space where DATA_DIR lives, the database and backups are at risk. */
const MIN_FREE_PERCENT = 5;

@Injectable()
export class DiskSpaceCheck implements DiagnosticCheck {
  readonly name = 'disk_space';

  constructor(
    private readonly store: DiagnosticsStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async run(): Promise<DiagnosticIssue[]> {
    const { dataDir } = this.config.paths;
    const { freeBytes, totalBytes } = await this.store.diskSpace(dataDir);
    const freePercent = (freeBytes / totalBytes) * 100;
    return freePercent < MIN_FREE_PERCENT
      ? [
          issue(this.name, 'critical', `only ${round1(freePercent)} % free where DATA_DIR lives`, {
            subject: dataDir,
          }),
        ]
      : [];
  }
}
