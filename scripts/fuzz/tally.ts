import type { FuzzRequest } from './requests';
import type { Answer } from './send';

interface Failure {
  count: number;
  reproduction: string;
}

/** Counts of what was sent and answered, and each distinct failure with one reproduction. */
export class Tally {
  operations = 0;
  total = 0;
  seconds = 0;
  settleSeconds = 0;
  aliveAfter = false;
  /** 2xx JSON answers validated against their operation's response schema. */
  schemaChecked = 0;
  readonly memory = {
    idle: { rss: 0, heap: 0 },
    afterRun: { rss: 0, heap: 0 },
    settled: { rss: 0, heap: 0 },
  };
  readonly byStatus = new Map<number, number>();
  readonly byKind = new Map<string, number>();
  readonly byCredential = new Map<string, number>();
  readonly operationsSeen = new Set<string>();
  readonly failures = new Map<string, Failure>();

  constructor(readonly seed: number) {}

  record(
    fuzz: FuzzRequest,
    answer: Answer,
    problem: string | undefined,
    repro: () => string,
  ): void {
    this.total += 1;
    if (answer.status >= 200 && answer.status < 300 && answer.contentType.includes('json')) {
      this.schemaChecked += 1;
    }
    this.operationsSeen.add(fuzz.operation);
    bump(this.byStatus, answer.status);
    bump(this.byCredential, fuzz.credential);
    new Set(fuzz.kinds).forEach((k) => bump(this.byKind, k));
    if (problem) {
      const key = `${fuzz.operation} → ${answer.status}: ${problem.slice(0, 160)}`;
      const known = this.failures.get(key);
      if (known) {
        known.count += 1;
      } else {
        this.failures.set(key, { count: 1, reproduction: repro() });
      }
    }
  }

  failed(): boolean {
    return this.failures.size > 0 || !this.aliveAfter;
  }
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

const table = (map: Map<string | number, number>) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `| ${key} | ${count} |`)
    .join('\n');

const mb = (m: { rss: number; heap: number }) => `${m.rss} / ${m.heap} MB`;

/** Markdown, so a run can be pasted into docs/reliability.md as it is. */
export function printSummary(tally: Tally): void {
  const failures = [...tally.failures.entries()].sort((a, b) => b[1].count - a[1].count);
  const failedRequests = failures.reduce((sum, [, f]) => sum + f.count, 0);
  const lines = [
    `Fuzz run: ${tally.total} requests over ${tally.operationsSeen.size} of ${tally.operations} operations in ${tally.seconds.toFixed(0)} s (seed ${tally.seed}); ${failedRequests} failed, ${failures.length} distinct failures; /api/health/live after the run: ${tally.aliveAfter ? 'ok' : 'NO ANSWER'}`,
    '',
    `2xx JSON answers checked against their response schema: ${tally.schemaChecked}`,
    '',
    `App process RSS / used V8 heap: idle ${mb(tally.memory.idle)}, after the run ${mb(tally.memory.afterRun)}, after ${tally.settleSeconds} s idle ${mb(tally.memory.settled)}`,
    '',
    '| status | requests |',
    '| --- | --- |',
    table(new Map([...tally.byStatus].sort((a, b) => a[0] - b[0]))),
    '',
    '| credential | requests |',
    '| --- | --- |',
    table(tally.byCredential),
    '',
    '| input tried (a request counts once per kind) | requests |',
    '| --- | --- |',
    table(tally.byKind),
    '',
    ...(failures.length === 0
      ? ['No failures.']
      : failures.flatMap(([key, f]) => [`- ${f.count} × ${key}`, `  \`${f.reproduction}\``])),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
