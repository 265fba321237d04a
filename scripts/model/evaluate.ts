/** Accuracy and macro-F1 of a model, and the keyword baseline every model card compares with. */
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

/** The unweighted mean over labels of each label's F1 score. */
export function macroF1(
  items: readonly LabelledText[],
  predicted: readonly string[],
  labels: readonly string[],
): number {
  const f1 = labels.map((label) => {
    const truePositive = items.filter(
      (item, i) => item.label === label && predicted[i] === label,
    ).length;
    const predictedCount = predicted.filter((p) => p === label).length;
    const actualCount = items.filter((item) => item.label === label).length;
    const precision = predictedCount ? truePositive / predictedCount : 0;
    const recall = actualCount ? truePositive / actualCount : 0;
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  });
  return f1.reduce((a, b) => a + b, 0) / labels.length;
}
