import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { releaseStartUpGarbage } from './start-up-garbage';

function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!
    .physical_space_size;
}

/** Short-lived allocations at a start-up's rate, which make V8 grow its young generation. */
function churn(): void {
  let kept: unknown[] = [];
  for (let i = 0; i < 2_000_000; i++) {
    kept.push({ i, text: `item ${i}` });
    if (kept.length > 50_000) {
      kept = [];
    }
  }
}

describe('releaseStartUpGarbage', () => {
  it('returns the young generation that start-up grew', () => {
    churn();
    const grown = youngGenerationBytes();
    releaseStartUpGarbage();
    assert.ok(grown > 4 * 1024 * 1024, `the churn grew the young generation (${grown} bytes)`);
    assert.ok(
      youngGenerationBytes() < grown / 4,
      `${youngGenerationBytes()} of ${grown} bytes left`,
    );
  });

  it('leaves gc hidden from every other context', () => {
    releaseStartUpGarbage();
    assert.equal(runInNewContext('typeof gc'), 'undefined');
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
  });
});
