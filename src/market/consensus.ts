/** The median of the values (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** (max − min) / median, in percent: how far the sources disagree. */
export function spreadPct(values: readonly number[]): number {
  if (values.length < 2) {
    return 0;
  }
  return ((Math.max(...values) - Math.min(...values)) / median(values)) * 100;
}
