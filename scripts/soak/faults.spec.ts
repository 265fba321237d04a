import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultsFor, phaseAt, UPSTREAMS } from './faults';

function pairsIn(phases: number, upstreams: number, faults: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < phases; i++) {
    const { upstream, fault } = phaseAt(i, upstreams, faults);
    seen.add(`${upstream}:${fault}`);
  }
  return seen.size;
}

describe('the soak fault schedule', () => {
  it('covers every upstream and fault pair in upstreams × faults phases', () => {
    const faults = faultsFor(2_000).length;
    assert.equal(pairsIn(UPSTREAMS.length * faults, UPSTREAMS.length, faults), 110);
    // Counts where U + 1 and F share a factor (10 and 11, 5 and 6), which an earlier formula missed.
    for (const [u, f] of [
      [8, 11],
      [10, 11],
      [5, 6],
      [11, 11],
    ]) {
      assert.equal(pairsIn(u * f, u, f), u * f, `${u} upstreams × ${f} faults`);
    }
  });

  it('moves to the next upstream at every phase', () => {
    const upstreams = [0, 1, 2, 3, 4].map((i) => phaseAt(i + 7, 5, 11).upstream);
    assert.deepEqual(upstreams, [2, 3, 4, 0, 1]);
  });
});
