import type { Phase } from './faults';
import type { Subscriber } from './streams';
import { OUTCOMES, type Sample } from './traffic';

const RSS_GROWTH_LIMIT = 0.1;
/**
 * Shorter runs (CI's one minute) report RSS growth without judging it: with 20 s of warm-up their
 * quarters are 10 s long, and one inference-worker or GC swing decides the figure.
 */
const RSS_JUDGED_FROM_MINUTES = 5;

function percentile(values: number[], p: number): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Everything the soak observed, and the verdict. */
export class SoakRecord {
  readonly outcomes = new Map<string, Map<string, number>>();
  readonly latencyByMinute = new Map<number, number[]>();
  readonly rssSamples: { at: number; mb: number }[] = [];
  readonly loopByMinute: { minute: number; p99: number; max: number; heapMb: number }[] = [];
  readonly undocumented: string[] = [];
  /** The distinct messages of 503s that name no providers. */
  readonly otherUnavailable = new Set<string>();
  readonly quietStreams: string[] = [];
  died?: string;
  subscriberLines: string[] = [];
  phaseCount = 0;
  faultPairs = 0;
  upstreams = new Set<string>();
  faults = new Set<string>();

  constructor(
    readonly run: { minutes: number; seed: number; warmUpMs: number; pollSeconds: number },
  ) {}

  sample(sample: Sample, elapsedMs: number, phase: Phase): void {
    const byOutcome = this.outcomes.get(sample.kind) ?? new Map<string, number>();
    byOutcome.set(sample.outcome, (byOutcome.get(sample.outcome) ?? 0) + 1);
    this.outcomes.set(sample.kind, byOutcome);
    // The last requests finish just after the last minute: they count in it.
    const minute = Math.min(Math.floor(elapsedMs / 60_000) + 1, Math.ceil(this.run.minutes));
    const latencies = this.latencyByMinute.get(minute) ?? [];
    latencies.push(sample.ms);
    this.latencyByMinute.set(minute, latencies);
    if (sample.outcome === '503 other, in the error shape' && sample.detail) {
      this.otherUnavailable.add(`${sample.path}: ${sample.detail}`);
    }
    if (sample.outcome === 'undocumented 5xx') {
      this.undocumented.push(
        `${sample.status} ${sample.path} during ${phase.fault} on ${phase.upstream}: ${sample.detail}`,
      );
    }
  }

  quiet(lines: string[], phase: Phase): void {
    for (const line of lines) {
      this.quietStreams.push(`${line} (during ${phase.fault} on ${phase.upstream})`);
    }
  }

  rss(elapsedMs: number, mb: number): void {
    this.rssSamples.push({ at: elapsedMs, mb });
  }

  eventLoop(elapsedMs: number, delay: { p99: number; max: number; heapMb: number }): void {
    this.loopByMinute.push({ minute: Math.round(elapsedMs / 60_000), ...delay });
  }

  /** `exit`: the exit code or signal if the app ended before the soak did. */
  appDied(exit: number | string | null, stderr: string): void {
    if (exit !== null) {
      this.died = `the app exited (${exit}) during the soak:\n${stderr.slice(-4000)}`;
    } else if (/unhandled/i.test(stderr)) {
      this.died = `the app reported an unhandled error:\n${stderr.slice(-4000)}`;
    }
  }

  subscribers(subscribers: Subscriber[]): void {
    this.subscriberLines = subscribers.map((s) => {
      const gaps = [...s.longestGapMs.entries()]
        .map(([channel, ms]) => `${channel} ${(ms / 1000).toFixed(1)} s`)
        .join(', ');
      return `${s.name}: ${s.messages} messages, ${s.disconnects} disconnects; longest gaps: ${gaps}`;
    });
  }

  phases(applied: Phase[]): void {
    this.phaseCount = applied.length;
    this.faultPairs = new Set(applied.map((p) => `${p.upstream} ${p.fault}`)).size;
    applied.forEach((p) => (this.upstreams.add(p.upstream), this.faults.add(p.fault)));
  }

  /**
   * The RSS high-water mark of the first quarter after warm-up and of the last quarter, and the
   * growth between. RSS swings by a quarter from minute to minute (GC, allocator arenas, the
   * inference worker), so single samples or short medians compare a trough with a crest; the
   * peaks of equal windows show a trend.
   */
  rssGrowth(): { afterWarmUp: number; end: number; growth: number } {
    const after = this.rssSamples.filter((s) => s.at >= this.run.warmUpMs).map((s) => s.mb);
    const window = Math.max(1, Math.floor(after.length / 4));
    const afterWarmUp = Math.max(0, ...after.slice(0, window));
    const end = Math.max(0, ...after.slice(-window));
    return { afterWarmUp, end, growth: afterWarmUp > 0 ? end / afterWarmUp - 1 : 0 };
  }

  failures(): string[] {
    const failures: string[] = [];
    if (this.died) {
      failures.push(this.died);
    }
    failures.push(...this.undocumented.map((u) => `undocumented 5xx: ${u}`));
    failures.push(...this.quietStreams.map((q) => `stream quiet: ${q}`));
    const { growth, afterWarmUp, end } = this.rssGrowth();
    if (this.run.minutes >= RSS_JUDGED_FROM_MINUTES && growth > RSS_GROWTH_LIMIT) {
      failures.push(
        `RSS grew ${(growth * 100).toFixed(1)} % after warm-up (${afterWarmUp} → ${end} MB)`,
      );
    }
    return failures;
  }
}

/** Markdown, so a run can be pasted into docs/reliability.md as it is. */
export function printReport(record: SoakRecord): void {
  const outcomeNames = OUTCOMES;
  const outcomeRows = [...record.outcomes.entries()].map(([kind, counts]) => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const cells = outcomeNames.map((name) => {
      const n = counts.get(name) ?? 0;
      return n === 0 ? '0' : `${n} (${((n / total) * 100).toFixed(1)} %)`;
    });
    return `| ${kind} | ${total} | ${cells.join(' | ')} |`;
  });
  const rssByMinute = new Map<number, number[]>();
  record.rssSamples.forEach((s) => {
    const minute = Math.floor(s.at / 60_000) + 1;
    rssByMinute.set(minute, [...(rssByMinute.get(minute) ?? []), s.mb]);
  });
  const range = (values: number[] | undefined) =>
    values ? `${Math.min(...values)}–${Math.max(...values)}` : '–';
  const minuteRows = [...record.latencyByMinute.entries()].map(([minute, ms]) => {
    const loop = record.loopByMinute.find((l) => l.minute === minute);
    return `| ${minute} | ${ms.length} | ${percentile(ms, 50).toFixed(0)} | ${percentile(ms, 99).toFixed(0)} | ${range(rssByMinute.get(minute))} | ${loop ? `${loop.heapMb}` : '–'} | ${loop ? `${loop.p99} / ${loop.max}` : '–'} |`;
  });
  const rss = record.rssGrowth();
  const failures = record.failures();
  const lines = [
    `Soak: ${record.run.minutes} min (seed ${record.run.seed}), ${record.phaseCount} fault phases over ${record.upstreams.size} upstreams × ${record.faults.size} faults (${record.faultPairs} distinct pairs); warm-up ${record.run.warmUpMs / 1000} s`,
    '',
    `| kind | requests | ${outcomeNames.join(' | ')} |`,
    `| --- | --- | ${outcomeNames.map(() => '---').join(' | ')} |`,
    ...outcomeRows,
    '',
    '| minute | requests | p50 ms | p99 ms | RSS MB (min–max) | V8 heap used MB | event-loop delay p99 / max ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...minuteRows,
    '',
    `RSS high-water mark in the first quarter after warm-up ${rss.afterWarmUp} MB, in the last quarter ${rss.end} MB (${(rss.growth * 100).toFixed(1)} %; limit 10 %${record.run.minutes >= RSS_JUDGED_FROM_MINUTES ? '' : ', judged from 5 minutes on'})`,
    '',
    ...record.subscriberLines.map((line) => `- ${line}`),
    ...[...record.otherUnavailable].map((line) => `- 503 without attempted: ${line}`),
    '',
    failures.length === 0
      ? 'PASS: no failures.'
      : `FAIL:\n${failures.map((f) => `- ${f}`).join('\n')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
