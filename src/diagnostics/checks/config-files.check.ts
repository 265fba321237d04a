import { Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { type AppConfig, InjectConfig } from '../../core/config';
import { DiagnosticsStore } from '../diagnostics.store';
import { type DiagnosticCheck, type DiagnosticIssue, issue } from '../diagnostics.types';

/** Every file in CONFIG_DIR that start-up reads. */
export const CONFIG_FILES = [
  'providers.json',
  'coins.json',
  'tiers.json',
  'feeds.json',
  'schedule.json',
  'discovery-catalogue.json',
];

/** The config files still parse (an edit since start-up would break the next start). */
@Injectable()
export class ConfigFilesCheck implements DiagnosticCheck {
  readonly name = 'config_files';

  constructor(
    private readonly store: DiagnosticsStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  run(): Promise<DiagnosticIssue[]> {
    return Promise.resolve(
      CONFIG_FILES.flatMap((name) => {
        const path = join(this.config.paths.configDir, name);
        try {
          this.store.readJson(path);
          return [];
        } catch (error) {
          return [
            issue(this.name, 'warning', `${path}: ${(error as Error).message}`, { subject: path }),
          ];
        }
      }),
    );
  }
}
