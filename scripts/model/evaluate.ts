/** Accuracy of a model next to the two baselines every model card reports. */
import type { LabelledText } from './datasets';

export interface Accuracy {
  overall: number;
  bySource: Record<string, number>;
}

export function accuracy(items: readonly LabelledText[], predicted: readonly string[]): Accuracy {
  const hits = new Map<string, [number, number]>();
  items.forEach((item, i) => {
    const [right, total] = hits.get(item.source) ?? [0, 0];
    hits.set(item.source, [right + (predicted[i] === item.label ? 1 : 0), total + 1]);
  });
  const right = items.filter((item, i) => predicted[i] === item.label).length;
  const bySource = Object.fromEntries([...hits].sort().map(([source, [r, t]]) => [source, r / t]));
  return { overall: right / items.length, bySource };
}

export function majorityLabel(items: readonly LabelledText[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(item.label, (counts.get(item.label) ?? 0) + 1);
  }
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0][0];
}

/**
 * The "keyword" baseline: the sum of the VADER lexicon ratings of the words. A model that cannot
 * beat this would be no better than the keyword matching the service must not serve.
 */
export function lexiconBaseline(
  lexicon: Map<string, number>,
  labels: { positive: string; negative: string; zero: string },
): (text: string) => string {
  return (text) => {
    const sum = text
      .toLowerCase()
      .split(/\s+/)
      .map(
        (word) =>
          lexicon.get(word) ?? lexicon.get(word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')) ?? 0,
      )
      .reduce((a, b) => a + b, 0);
    return sum > 0 ? labels.positive : sum < 0 ? labels.negative : labels.zero;
  };
}
