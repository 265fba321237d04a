/** Label handling shared by the bundled and hub models, whose label names differ in case and words. */
import type { LabelScore } from './inference-protocol';

export type MarketLabel = 'bullish' | 'bearish' | 'neutral';

const MARKET_SYNONYMS: Record<string, MarketLabel> = {
  bullish: 'bullish',
  positive: 'bullish',
  bearish: 'bearish',
  negative: 'bearish',
  neutral: 'neutral',
};

export function topScore(scores: readonly LabelScore[]): LabelScore {
  return scores.reduce((best, s) => (s.score > best.score ? s : best));
}

/** POSITIVE / NEGATIVE (/ NEUTRAL), whatever case the model uses. */
export function sentimentLabel(label: string): string {
  return label.toUpperCase();
}

/** bullish / bearish / neutral scores from a three-class (or two-class) model's output. */
export function marketScores(scores: readonly LabelScore[]): Record<MarketLabel, number> {
  const result: Record<MarketLabel, number> = { bullish: 0, bearish: 0, neutral: 0 };
  for (const { label, score } of scores) {
    const market = MARKET_SYNONYMS[label.toLowerCase()];
    if (market) {
      result[market] += score;
    }
  }
  return result;
}

export function marketLabel(scores: Record<MarketLabel, number>): MarketLabel {
  return (Object.keys(scores) as MarketLabel[]).reduce((best, l) =>
    scores[l] > scores[best] ? l : best,
  );
}

/** +score for positive, -score for negative, 0 otherwise: what aggregates average. */
export function signedScore(label: string, score: number): number {
  const upper = label.toUpperCase();
  return upper === 'POSITIVE' ? score : upper === 'NEGATIVE' ? -score : 0;
}
