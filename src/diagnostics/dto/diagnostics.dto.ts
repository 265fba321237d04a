import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class DiagnosticsQueryDto {
  /** Apply the safe, idempotent repairs for what is found. @example false */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'auto_fix must be true or false' })
  auto_fix: boolean = false;
}

export class DiagnosticIssueDto {
  /** @example "required_directories" */
  check!: string;

  /** @example "warning" */
  severity!: 'critical' | 'warning';

  /** @example "/data/backups is missing or not writable" */
  message!: string;

  /** Whether auto_fix knows a safe repair for it. */
  fixable!: boolean;

  /**
   * What the problem is about when it is about one thing: a provider id, a folder, a model or a
   * config file. Absent for problems of the whole service (memory, a pending migration).
   * @example "/data/backups"
   */
  subject?: string;
}

export class DiagnosticFixDto {
  /** @example "required_directories" */
  check!: string;

  /** @example "created /data/backups" */
  action!: string;

  /** @example "applied" */
  result!: 'applied' | 'failed';

  /** Why a repair failed. */
  message?: string;
}

export class DiagnosticsReportDto {
  /** ISO 8601. */
  timestamp!: string;

  /** @example 840 */
  duration_ms!: number;

  auto_fix!: boolean;

  /** @example 8 */
  total_checks!: number;

  /** @example 1 */
  issues_found!: number;

  issues!: DiagnosticIssueDto[];

  fixes_applied!: DiagnosticFixDto[];
}
