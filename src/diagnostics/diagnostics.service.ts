import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { type AppConfig, InjectConfig } from '../core/config';
import { sqliteCheck } from '../core/database/sqlite-check';
import { ProviderDirectory } from '../providers/provider.directory';
import { ModelManager } from '../sentiment/engine/model-manager.service';
import { diskSpace, memoryPercent, round1 } from './system-stats';

/**
 * Every check together must finish within this, and then every fix; a slow one is reported,
 * not waited for.
 */
const TIME_LIMIT_MS = 10_000;
const PROBE_TIMEOUT_MS = 3_000;
const CONFIG_FILES = ['providers.json', 'coins.json', 'tiers.json', 'feeds.json', 'schedule.json'];

export interface DiagnosticIssue {
  check: string;
  severity: 'critical' | 'warning';
  message: string;
  fixable: boolean;
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

interface Check {
  name: string;
  run: () => Promise<DiagnosticIssue[]>;
  /** Safe, idempotent repairs for what the check found. */
  fix?: (issues: DiagnosticIssue[]) => Promise<DiagnosticFix[]>;
}

/**
 * Runs every check at once within a time limit, and with auto_fix only what is safe to repeat:
 * create missing folders, close open breakers, run pending migrations and `PRAGMA optimize`.
 */
@Injectable()
export class DiagnosticsService {
  private last?: DiagnosticsReport;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly providers: ProviderDirectory,
    private readonly models: ModelManager,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  lastReport(): DiagnosticsReport | undefined {
    return this.last;
  }

  async run(autoFix: boolean): Promise<DiagnosticsReport> {
    const started = performance.now();
    const checks = this.checks();
    const results = await Promise.all(checks.map((check) => this.runCheck(check)));
    const issues = results.flat();
    const fixesApplied = autoFix ? await this.applyFixes(checks, issues) : [];
    this.last = {
      timestamp: new Date(),
      durationMs: Math.round(performance.now() - started),
      autoFix,
      totalChecks: checks.length,
      issuesFound: issues.length,
      issues,
      fixesApplied,
    };
    return this.last;
  }

  private runCheck(check: Check): Promise<DiagnosticIssue[]> {
    return withinTimeLimit(
      check.run,
      (error) => [issue(check.name, 'critical', error.message, false)],
      () => [issue(check.name, 'warning', `did not finish within ${TIME_LIMIT_MS} ms`, false)],
    );
  }

  /** Fixes run together like the checks; one that fails or hangs is a failed fix, not a 500. */
  private async applyFixes(checks: Check[], issues: DiagnosticIssue[]): Promise<DiagnosticFix[]> {
    const fixes = await Promise.all(
      checks.map((check) =>
        this.runFix(
          check,
          issues.filter((i) => i.check === check.name),
        ),
      ),
    );
    return fixes.flat();
  }

  private runFix(check: Check, issues: DiagnosticIssue[]): Promise<DiagnosticFix[]> {
    const { fix } = check;
    const fixable = issues.filter((i) => i.fixable);
    if (!fix || fixable.length === 0) {
      return Promise.resolve([]);
    }
    const failed = (message: string): DiagnosticFix[] => [
      { check: check.name, action: 'auto-fix', result: 'failed', message },
    ];
    return withinTimeLimit(
      () => fix(fixable),
      (error) => failed(error.message),
      () => failed(`did not finish within ${TIME_LIMIT_MS} ms`),
    );
  }

  private checks(): Check[] {
    return [
      {
        name: 'database_integrity',
        run: () => this.checkDatabase(),
        fix: () => this.repairDatabase(),
      },
      {
        name: 'provider_health',
        run: () => Promise.resolve(this.checkBreakers()),
        fix: (issues) => Promise.resolve(this.resetBreakers(issues)),
      },
      { name: 'disk_space', run: () => this.checkDisk() },
      { name: 'memory', run: () => Promise.resolve(this.checkMemory()) },
      {
        name: 'model_availability',
        run: () => Promise.resolve(this.checkModels()),
        fix: () => this.reloadModels(),
      },
      { name: 'config_files', run: () => Promise.resolve(this.checkConfigFiles()) },
      {
        name: 'required_directories',
        run: () => Promise.resolve(this.checkDirectories()),
        fix: (issues) => Promise.resolve(this.createDirectories(issues)),
      },
      { name: 'upstream_connectivity', run: () => this.checkConnectivity() },
    ];
  }

  private async checkDatabase(): Promise<DiagnosticIssue[]> {
    const found: DiagnosticIssue[] = [];
    if (this.config.database.type === 'sqlite') {
      const result = await sqliteCheck({
        file: this.config.database.file,
        pragma: 'quick_check',
        timeoutMs: TIME_LIMIT_MS,
      });
      if (result !== 'ok') {
        found.push(issue('database_integrity', 'critical', `quick_check: ${result}`, false));
      }
    } else {
      await this.dataSource.query('SELECT 1');
    }
    if (await this.dataSource.showMigrations()) {
      found.push(issue('database_integrity', 'critical', 'migrations are pending', true));
    }
    return found;
  }

  private async repairDatabase(): Promise<DiagnosticFix[]> {
    const fixes: DiagnosticFix[] = [];
    const migrations = await this.dataSource.runMigrations({ transaction: 'each' });
    fixes.push({
      check: 'database_integrity',
      action: `ran ${migrations.length} pending migrations`,
      result: 'applied',
    });
    if (this.config.database.type === 'sqlite') {
      await this.dataSource.query('PRAGMA optimize');
      fixes.push({ check: 'database_integrity', action: 'PRAGMA optimize', result: 'applied' });
    }
    return fixes;
  }

  private checkBreakers(): DiagnosticIssue[] {
    return this.providers
      .all()
      .filter((runtime) => runtime.breakerState === 'open')
      .map((runtime) =>
        issue('provider_health', 'warning', `${runtime.id}: circuit breaker open`, true),
      );
  }

  /** Each breaker on its own, so one that cannot be closed does not hide the others. */
  private resetBreakers(issues: DiagnosticIssue[]): DiagnosticFix[] {
    return issues.map((found) => {
      const id = found.message.split(':')[0];
      try {
        this.providers.get(id).resetBreaker();
        return {
          check: 'provider_health',
          action: `closed the breaker of ${id}`,
          result: 'applied' as const,
        };
      } catch (error) {
        return {
          check: 'provider_health',
          action: `close the breaker of ${id}`,
          result: 'failed' as const,
          message: (error as Error).message,
        };
      }
    });
  }

  private async checkDisk(): Promise<DiagnosticIssue[]> {
    const { freeBytes, totalBytes } = await diskSpace(this.config.paths.dataDir);
    const freePercent = (freeBytes / totalBytes) * 100;
    return freePercent < 5
      ? [
          issue(
            'disk_space',
            'critical',
            `only ${round1(freePercent)} % free where DATA_DIR lives`,
            false,
          ),
        ]
      : [];
  }

  private checkMemory(): DiagnosticIssue[] {
    const used = memoryPercent();
    return used > 90
      ? [issue('memory', 'warning', `${round1(used)} % of system memory in use`, false)]
      : [];
  }

  private checkModels(): DiagnosticIssue[] {
    if (!this.models.enabled) {
      return [];
    }
    return this.models
      .list()
      .filter((state) => state.status === 'failed')
      .map((state) =>
        issue('model_availability', 'warning', `${state.spec.name}: ${state.error}`, true),
      );
  }

  /** Loads failed models again (a crashed worker, a model file put in place since). */
  private async reloadModels(): Promise<DiagnosticFix[]> {
    const failed = this.models
      .list()
      .filter((s) => s.status === 'failed')
      .map((s) => s.spec.name);
    const loaded = await this.models.reloadFailed();
    return failed.map((name) => ({
      check: 'model_availability',
      action: `reloaded ${name}`,
      result: loaded.includes(name) ? 'applied' : 'failed',
    }));
  }

  private checkConfigFiles(): DiagnosticIssue[] {
    return CONFIG_FILES.flatMap((name) => {
      const path = join(this.config.paths.configDir, name);
      try {
        JSON.parse(readFileSync(path, 'utf8'));
        return [];
      } catch (error) {
        return [issue('config_files', 'warning', `${path}: ${(error as Error).message}`, false)];
      }
    });
  }

  private requiredDirectories(): string[] {
    const { dataDir, backupsDir } = this.config.paths;
    return [dataDir, backupsDir];
  }

  private checkDirectories(): DiagnosticIssue[] {
    return this.requiredDirectories().flatMap((dir) => {
      try {
        accessSync(dir, constants.W_OK);
        return [];
      } catch {
        return [
          issue('required_directories', 'warning', `${dir} is missing or not writable`, true),
        ];
      }
    });
  }

  private createDirectories(issues: DiagnosticIssue[]): DiagnosticFix[] {
    return issues.map((found) => {
      const dir = found.message.replace(/ is missing or not writable$/, '');
      try {
        mkdirSync(dir, { recursive: true });
        accessSync(dir, constants.W_OK);
        return {
          check: 'required_directories',
          action: `created ${dir}`,
          result: 'applied' as const,
        };
      } catch (error) {
        return {
          check: 'required_directories',
          action: `create ${dir}`,
          result: 'failed' as const,
          message: (error as Error).message,
        };
      }
    });
  }

  private async checkConnectivity(): Promise<DiagnosticIssue[]> {
    const runtimes = this.providers.all().filter((r) => r.status() !== 'disabled');
    const results = await Promise.all(
      runtimes.map((runtime) =>
        runtime.probe(PROBE_TIMEOUT_MS).then(
          () => undefined,
          (error: Error) =>
            issue('upstream_connectivity', 'warning', `${runtime.id}: ${error.message}`, false),
        ),
      ),
    );
    return results.filter((r): r is DiagnosticIssue => r !== undefined);
  }
}

/**
 * Runs work within TIME_LIMIT_MS: its result, onError's for a failure (thrown synchronously or
 * not), or onTimeout's when it is slower.
 */
async function withinTimeLimit<T>(
  work: () => Promise<T>,
  onError: (error: Error) => T,
  onTimeout: () => T,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), TIME_LIMIT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(work).catch(onError), limit]);
  } finally {
    clearTimeout(timer);
  }
}

function issue(
  check: string,
  severity: DiagnosticIssue['severity'],
  message: string,
  fixable: boolean,
): DiagnosticIssue {
  return { check, severity, message, fixable };
}
