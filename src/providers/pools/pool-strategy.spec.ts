import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Candidate, newStrategyState, orderCandidates } from './pool-strategy';

const candidates: Candidate[] = [
  { provider: 'a', position: 0, weight: 3, score: 100, latencyMs: 300 },
  { provider: 'b', position: 1, weight: 1, score: 100, latencyMs: 100 },
  { provider: 'c', position: 2, weight: 1, score: 100, latencyMs: null },
];

describe('orderCandidates', () => {
  it('priority: by position', () => {
    assert.deepEqual(orderCandidates('priority', candidates, newStrategyState()), ['a', 'b', 'c']);
  });

  it('round_robin: starts one further on each rotation', () => {
    const state = newStrategyState();
    state.rotation = 1;
    assert.deepEqual(orderCandidates('round_robin', candidates, state), ['b', 'c', 'a']);
    state.rotation = 5;
    assert.deepEqual(orderCandidates('round_robin', candidates, state), ['c', 'a', 'b']);
  });

  it('weighted: leads in proportion to weight over a cycle', () => {
    const state = newStrategyState();
    const leaders = Array.from(
      { length: 5 },
      () => orderCandidates('weighted', candidates, state)[0],
    );
    assert.deepEqual(
      leaders.reduce<Record<string, number>>((n, p) => ({ ...n, [p]: (n[p] ?? 0) + 1 }), {}),
      { a: 3, b: 1, c: 1 },
    );
  });

  it('least_latency: fastest first, unknown latency last', () => {
    assert.deepEqual(orderCandidates('least_latency', candidates, newStrategyState()), [
      'b',
      'a',
      'c',
    ]);
  });

  it('moves unhealthy providers behind healthy ones whatever the strategy', () => {
    const sick = candidates.map((c) => (c.provider === 'a' ? { ...c, score: 0 } : c));
    assert.deepEqual(orderCandidates('priority', sick, newStrategyState()), ['b', 'c', 'a']);
  });
});
