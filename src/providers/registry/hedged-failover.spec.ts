import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from '../../core/http';
import { ProviderHealth } from '../health/provider-health';
import { CallCancelled, type ProviderRuntime } from '../runtime/provider-runtime';
import { type FailoverParams, hedgedFailover } from './hedged-failover';

type Behaviour = (signal: AbortSignal) => Promise<string>;

/** A provider whose call answers `value` after `ms`, or fails when aborted first. */
const answers =
  (value: string, ms: number): Behaviour =>
  (signal) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(value), ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new ProviderError({ provider: value, kind: 'timeout', message: 'timed out' }));
      });
    });
const hangs: Behaviour = (signal) => answers('never', 1e9)(signal);
const fails: Behaviour = () =>
  Promise.reject(new ProviderError({ provider: 'x', kind: 'upstream_5xx', message: 'HTTP 502' }));

/** `background: false` is a provider keeping its budget for requests (never hedged to). */
function runtime(id: string, observedMs: number[] = [], background = true): ProviderRuntime {
  const health = new ProviderHealth();
  observedMs.forEach((durationMs) => health.record({ ok: true, durationMs, at: new Date() }));
  return { id, health, definition: { background } } as unknown as ProviderRuntime;
}

/** A failover over providers with these behaviours: its outcome, the abort reasons, the time. */
async function run(
  providers: [ProviderRuntime, Behaviour][],
  options: Partial<FailoverParams<string>> = {},
) {
  const reasons = new Map<string, unknown>();
  const started = performance.now();
  const outcome = await hedgedFailover<string>({
    providers: providers.map(([r]) => r),
    call: (r, signal) => {
      signal.addEventListener('abort', () => reasons.set(r.id, signal.reason));
      return providers.find(([p]) => p === r)![1](signal);
    },
    callTimeoutMs: 5_000,
    deadline: new AbortController().signal,
    hedge: { minMs: 50, maxMs: 1000 },
    ...options,
  });
  return { outcome, reasons, ms: performance.now() - started };
}

const summary = (attempted: { provider: string; outcome: string }[]) =>
  attempted.map((a) => `${a.provider}:${a.outcome}`);

describe('hedgedFailover', () => {
  it('asks the next provider when one fails', async () => {
    const { outcome } = await run(
      [
        [runtime('a'), fails],
        [runtime('b'), answers('B', 5)],
      ],
      { hedge: null },
    );
    assert.ok(outcome.ok);
    assert.equal(outcome.data, 'B');
    assert.deepEqual(summary(outcome.attempted), ['a:upstream_5xx', 'b:ok']);
  });

  it('asks the next one as well after the upper bound when nothing was observed, and aborts the loser as overdue', async () => {
    const { outcome, reasons, ms } = await run([
      [runtime('a'), hangs],
      [runtime('b'), answers('B', 5)],
    ]);
    assert.ok(outcome.ok);
    assert.deepEqual(summary(outcome.attempted), ['a:cancelled', 'b:ok']);
    assert.ok(ms >= 1000, `${ms} ms`);
    const reason = reasons.get('a');
    assert.ok(reason instanceof CallCancelled && reason.overdue);
    assert.match(outcome.attempted[0].reason!, /hedged after 1000 ms\); b answered first$/);
  });

  it('hedges at the observed p95, never under the lower bound', async () => {
    const { outcome, ms } = await run([
      [runtime('a', [5, 6, 7]), hangs],
      [runtime('b'), answers('B', 5)],
    ]);
    assert.ok(outcome.ok);
    assert.ok(ms >= 50 && ms < 1000, `${ms} ms`);
    const slow = await run([
      [runtime('a', [90, 95, 100]), hangs],
      [runtime('b'), answers('B', 5)],
    ]);
    assert.ok(slow.ms >= 100 && slow.ms < 1000, `${slow.ms} ms`);
  });

  it('a first answer arriving while the hedge is out wins; the hedge is cancelled, not overdue', async () => {
    const { outcome, reasons } = await run([
      [runtime('a', [5]), answers('A', 80)],
      [runtime('b'), answers('B', 500)],
    ]);
    assert.ok(outcome.ok);
    assert.equal(outcome.provider, 'a');
    assert.deepEqual(summary(outcome.attempted), ['a:ok', 'b:cancelled']);
    const reason = reasons.get('b');
    assert.ok(reason instanceof CallCancelled && !reason.overdue);
  });

  it('without hedging waits for the per-call timeout before the next provider', async () => {
    const { outcome, ms } = await run(
      [
        [runtime('a'), hangs],
        [runtime('b'), answers('B', 5)],
      ],
      { hedge: null, callTimeoutMs: 150 },
    );
    assert.ok(outcome.ok);
    assert.deepEqual(summary(outcome.attempted), ['a:timeout', 'b:ok']);
    assert.ok(ms >= 150, `${ms} ms`);
  });

  it('a failure while a hedge is out does not ask a third provider; all failing is reported in order', async () => {
    const third = answers('C', 5);
    const started = performance.now();
    let thirdAskedAfter = 0;
    const { outcome } = await run([
      [runtime('a', [5]), (signal) => sleep(150).then(() => fails(signal))],
      [runtime('b'), (signal) => sleep(300).then(() => fails(signal))],
      [
        runtime('c'),
        (signal) => {
          thirdAskedAfter = performance.now() - started;
          return third(signal);
        },
      ],
    ]);
    // b is asked at 50 ms (a's hedge), a fails at 150 ms while b is out, b fails at 350 ms, before
    // its own hedge delay (1000 ms): only then is c asked.
    assert.ok(thirdAskedAfter >= 340, `c asked after ${thirdAskedAfter} ms`);
    assert.ok(outcome.ok);
    assert.deepEqual(summary(outcome.attempted), ['a:upstream_5xx', 'b:upstream_5xx', 'c:ok']);
    const none = await run([
      [runtime('a'), fails],
      [runtime('b'), fails],
    ]);
    assert.equal(none.outcome.ok, false);
    assert.deepEqual(summary(none.outcome.attempted), ['a:upstream_5xx', 'b:upstream_5xx']);
  });

  it('skips the providers the request deadline leaves no time for', async () => {
    const deadline = new AbortController();
    deadline.abort();
    const { outcome } = await run([[runtime('a'), answers('A', 5)]], {
      deadline: deadline.signal,
    });
    assert.deepEqual(outcome, {
      ok: false,
      attempted: [{ provider: 'a', outcome: 'skipped', reason: 'request deadline reached' }],
    });
  });

  it('never hedges to a provider that keeps its budget, and hedges to the next one instead', async () => {
    const { outcome } = await run(
      [
        [runtime('a', [40]), hangs],
        [runtime('scarce', [], false), answers('S', 5)],
        [runtime('c'), answers('C', 5)],
      ],
      { hedge: { minMs: 50, maxMs: 100 } },
    );
    assert.ok(outcome.ok);
    assert.equal(outcome.data, 'C');
    assert.deepEqual(summary(outcome.attempted), ['a:cancelled', 'c:ok']);
  });

  it('still asks a provider that keeps its budget after a failure, and waits rather than hedge to it', async () => {
    const failed = await run([
      [runtime('a'), fails],
      [runtime('scarce', [], false), answers('S', 5)],
    ]);
    assert.ok(failed.outcome.ok);
    assert.deepEqual(summary(failed.outcome.attempted), ['a:upstream_5xx', 'scarce:ok']);
    const slow = await run(
      [
        [runtime('a', [40]), answers('A', 300)],
        [runtime('scarce', [], false), answers('S', 5)],
      ],
      { hedge: { minMs: 50, maxMs: 100 } },
    );
    assert.ok(slow.outcome.ok);
    assert.equal(slow.outcome.data, 'A', 'the slow answer is awaited past the hedge delay');
    assert.deepEqual(summary(slow.outcome.attempted), ['a:ok']);
  });
});
