export class BackupDto {
  /** @example "crypto-dt-source-2026-11-28T02-00-00-000Z.sqlite" */
  file!: string;

  /** @example 52428800 */
  size_bytes!: number;

  /** ISO 8601. */
  created_at!: string;
}

export class BackupResultDto extends BackupDto {
  /** The copy's `PRAGMA integrity_check`. @example "ok" */
  integrity!: string;

  /** @example 840 */
  duration_ms!: number;
}

export class BackupsResponseDto {
  data!: BackupDto[];
}
