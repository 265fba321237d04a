export const POOL_STRATEGIES = ['priority', 'round_robin', 'weighted', 'least_latency'] as const;
export type PoolStrategy = (typeof POOL_STRATEGIES)[number];

/** Below this health score a provider is only tried after the healthy ones. */
export const UNHEALTHY_SCORE = 30;

export interface Candidate {
  provider: string;
  position: number;
  weight: number;
  score: number;
  latencyMs: number | null;
}

/** Mutable per-pool state the strategies keep between calls. */
export interface StrategyState {
  rotation: number;
  currentWeights: Map<string, number>;
}

export function newStrategyState(): StrategyState {
  return { rotation: 0, currentWeights: new Map() };
}

/**
 * The order in which a pool's providers are tried for one call. Every strategy then moves
 * unhealthy providers behind healthy ones, so health always drives selection.
 */
export function orderCandidates(
  strategy: PoolStrategy,
  candidates: readonly Candidate[],
  state: StrategyState,
): string[] {
  const byPosition = [...candidates].sort((a, b) => a.position - b.position);
  let ordered: Candidate[];
  switch (strategy) {
    case 'priority':
      ordered = byPosition;
      break;
    case 'round_robin':
      ordered = rotate(byPosition, state.rotation);
      break;
    case 'weighted':
      ordered = smoothWeighted(byPosition, state.currentWeights);
      break;
    case 'least_latency':
      ordered = [...byPosition].sort(
        (a, b) =>
          (a.latencyMs ?? Number.MAX_SAFE_INTEGER) - (b.latencyMs ?? Number.MAX_SAFE_INTEGER),
      );
      break;
  }
  const healthy = ordered.filter((c) => c.score >= UNHEALTHY_SCORE);
  const unhealthy = ordered.filter((c) => c.score < UNHEALTHY_SCORE);
  return [...healthy, ...unhealthy].map((c) => c.provider);
}

function rotate<T>(items: T[], by: number): T[] {
  if (items.length === 0) {
    return items;
  }
  const offset = ((by % items.length) + items.length) % items.length;
  return [...items.slice(offset), ...items.slice(0, offset)];
}

/**
 * Smooth weighted round-robin (as in nginx): over N calls each provider leads in proportion to
 * weight × health, without long runs of the same one. The rest follow by effective weight.
 */
function smoothWeighted(candidates: Candidate[], current: Map<string, number>): Candidate[] {
  const effective = new Map(candidates.map((c) => [c.provider, c.weight * Math.max(c.score, 1)]));
  const total = [...effective.values()].reduce((sum, w) => sum + w, 0);
  let leader: Candidate | undefined;
  for (const candidate of candidates) {
    const value = (current.get(candidate.provider) ?? 0) + (effective.get(candidate.provider) ?? 0);
    current.set(candidate.provider, value);
    if (!leader || value > (current.get(leader.provider) ?? 0)) {
      leader = candidate;
    }
  }
  if (!leader) {
    return [];
  }
  current.set(leader.provider, (current.get(leader.provider) ?? 0) - total);
  const rest = candidates
    .filter((c) => c !== leader)
    .sort((a, b) => (effective.get(b.provider) ?? 0) - (effective.get(a.provider) ?? 0));
  return [leader, ...rest];
}
