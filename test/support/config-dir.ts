import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './test-app';

/** A copy of config/ whose discovery catalogue is the given list. */
export function configWithCatalogue(catalogue: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdt-discovery-'));
  cpSync(join(REPO_ROOT, 'config'), dir, { recursive: true });
  writeFileSync(join(dir, 'discovery-catalogue.json'), JSON.stringify(catalogue));
  return dir;
}
