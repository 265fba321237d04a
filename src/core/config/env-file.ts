import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Reads `.env` from the working folder when present; variables already set win. */
export function loadEnvFile(cwd: string = process.cwd()): void {
  const file = join(cwd, '.env');
  if (existsSync(file)) {
    process.loadEnvFile(file);
  }
}
