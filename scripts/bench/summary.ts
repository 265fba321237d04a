/**
 * The one line each bench scenario ends with, and how `npm run bench` collects it: the scenario
 * prints it, appends it as JSON to BENCH_SUMMARY_FILE when the runner set that, and exits
 * non-zero when its target is missed.
 */
import { appendFileSync } from 'node:fs';

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** A throughput (per second, in `unit`) with its latency; either may be absent. */
export interface Measure extends Partial<Percentiles> {
  label: string;
  throughput?: number;
  unit?: string;
}

export interface BenchSummary {
  scenario: string;
  /** The measure the target is about. */
  result: Measure;
  /** The yardstick from the same run: a bare node:http server, an earlier build, a lower load. */
  baseline?: Measure;
  checks: Check[];
}

/** One target: in words ("app ≥ 0.5 × bare req/s"), the figure it was checked against ("0.71"). */
export interface Check {
  target: string;
  observed: string;
  met: boolean;
}

export function check(target: string, observed: string, met: boolean): Check {
  return { target, observed, met };
}

/** `--quick`: small sizes and short durations, the form CI runs. */
export const QUICK = process.argv.includes('--quick');

/** Picks the full or the quick value of a size or duration. */
export function size<T>(full: T, quick: T): T {
  return QUICK ? quick : full;
}

const f = (n: number | undefined) => (n === undefined ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1));

/** "label: 24730 req/s, p50 0.41 / p95 0.90 / p99 2.10 ms" */
export function describe(measure: Measure): string {
  const rate =
    measure.throughput === undefined
      ? ''
      : ` ${Math.round(measure.throughput)} ${measure.unit ?? 'req'}/s,`;
  const latency =
    measure.p50 === undefined
      ? ''
      : ` p50 ${f(measure.p50)} / p95 ${f(measure.p95)} / p99 ${f(measure.p99)} ms`;
  return `${measure.label}:${rate}${latency}`.replace(/,$/, '');
}

/** Prints the scenario's summary line, hands it to the runner, fails the process on a miss. */
export function finish(summary: BenchSummary): void {
  const baseline = summary.baseline ? ` | baseline ${describe(summary.baseline)}` : '';
  const checks = summary.checks
    .map((c) => `${c.target}: ${c.observed}, ${c.met ? 'met' : 'MISSED'}`)
    .join('; ');
  process.stdout.write(
    `SUMMARY ${summary.scenario} | ${describe(summary.result)}${baseline} | ${checks}\n`,
  );
  const file = process.env.BENCH_SUMMARY_FILE;
  if (file) {
    appendFileSync(file, `${JSON.stringify(summary)}\n`);
  }
  if (!summary.checks.every((c) => c.met)) {
    process.exitCode = 1;
  }
}
