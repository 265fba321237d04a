/** Label handling shared by the bundled and hub models, whose label names differ in case and words. */
import type { LabelScore } from './inference-protocol';
import type { ModelRole } from './model-catalogue';

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

const SENTIMENT_LABELS = new Set(['positive', 'negative', 'neutral']);

/**
 * Why a model's labels (config.json id2label) cannot serve its role, or null when they can.
 * Unchecked, a model labelled LABEL_0/LABEL_1 would score every text 0 and read as neutral or
 * bullish; refusing it at load lets the bundled fallback serve instead.
 */
export function labelMapProblem(role: ModelRole, labels: readonly string[]): string | null {
  const lower = labels.map((l) => l.toLowerCase());
  const shown = labels.length ? labels.join(', ') : 'none';
  const problem = `config.json id2label has ${shown}`;
  if (new Set(lower).size !== lower.length) {
    return `${problem}: a label appears twice`;
  }
  switch (role) {
    case 'sentiment':
      return lower.every((l) => SENTIMENT_LABELS.has(l)) &&
        lower.includes('positive') &&
        lower.includes('negative')
        ? null
        : `${problem}; a sentiment model needs POSITIVE and NEGATIVE (NEUTRAL optional)`;
    case 'financial':
      return marketLabelsProblem(lower, problem);
    case 'zero-shot':
      return lower.includes('entailment')
        ? null
        : `${problem}; a zero-shot (NLI) model needs an ENTAILMENT label`;
  }
}

/** bullish/bearish(/neutral), or positive/negative(/neutral) as finbert-style models name them. */
function marketLabelsProblem(lower: readonly string[], problem: string): string | null {
  const mapped = lower.map((l) => MARKET_SYNONYMS[l]);
  const valid =
    mapped.every((m) => m !== undefined) &&
    new Set(mapped).size === mapped.length &&
    mapped.includes('bullish') &&
    mapped.includes('bearish');
  return valid
    ? null
    : `${problem}; a financial model needs bullish and bearish (neutral optional), ` +
        'or positive and negative (neutral optional)';
}
