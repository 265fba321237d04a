import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/test-app';

const HEADER =
  '# Benchmarks\n\nFigures written by the `npm run bench:*` scripts; rerun them to refresh.\n\n';

/** "Measured <when> on <cpus>, Node <version>" for a section's first line. */
export function machineLine(): string {
  return `Measured ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`;
}

/** Replaces (or appends) the section starting with `title` in docs/benchmarks.md. */
export function writeSection(title: string, body: string): void {
  const file = join(REPO_ROOT, 'docs', 'benchmarks.md');
  let current = HEADER;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // First run: start the file.
  }
  const section = `${title}\n\n${body.trim()}\n`;
  const start = current.indexOf(title);
  const next = start >= 0 ? current.indexOf('\n## ', start + 1) : -1;
  const updated =
    start >= 0
      ? current.slice(0, start) + section + (next >= 0 ? current.slice(next) : '')
      : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(file, updated);
  process.stdout.write(`${section}\n`);
}
