import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/test-app';
import { QUICK } from './summary';

const HEADER =
  '# Benchmarks\n\nFigures written by the `npm run bench:*` scripts; rerun them to refresh.\n\n';

/** "Measured <when> on <cpus>, Node <version>, load average <1 min>" for a section's first line. */
export function machineLine(): string {
  return `Measured ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, 1-minute load average ${loadavg()[0].toFixed(1)} at the end`;
}

/**
 * Replaces the section starting with `title` in docs/benchmarks.md, or adds it (at the end, or
 * before the first section when `first`). With --quick it is only printed: CI's small sizes are
 * not the figures the document records.
 */
export function writeSection(title: string, body: string, first = false): void {
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
  const firstSection = current.indexOf('\n## ');
  const updated =
    start >= 0
      ? current.slice(0, start) + section + (next >= 0 ? current.slice(next) : '')
      : first && firstSection >= 0
        ? `${current.slice(0, firstSection + 1)}${section}\n${current.slice(firstSection + 1)}`
        : `${current.trimEnd()}\n\n${section}`;
  if (!QUICK) {
    writeFileSync(file, updated);
  }
  process.stdout.write(`${section}\n`);
}
