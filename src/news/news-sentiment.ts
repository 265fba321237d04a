/** Between the models' views of a headline and the news row's sentiment columns. */
import type { HeadlineViews } from '../sentiment/engine/sentiment-analyzer.service';
import type { SentimentColumns } from './news.store';

/** The columns of the views that were scored; a missing view leaves its columns untouched. */
export function sentimentColumns(views: HeadlineViews): Partial<SentimentColumns> {
  const { binary, market } = views;
  return {
    ...(binary && {
      sentiment: binary.label,
      sentimentScore: binary.score,
      sentimentModel: binary.model,
      sentimentRevision: binary.revision,
    }),
    ...(market && {
      marketSentiment: market.sentiment,
      marketBullish: market.scores.bullish,
      marketBearish: market.scores.bearish,
      marketNeutral: market.scores.neutral,
      marketModel: market.model,
      marketRevision: market.revision,
    }),
  };
}

export interface MarketViewOut {
  label: string;
  scores: { bullish: number; bearish: number; neutral: number };
  model: string | null;
}

/** A row's market view as the API shows it; null until the market model has scored it. */
export function marketView(row: Partial<SentimentColumns>): MarketViewOut | null {
  if (!row.marketSentiment) {
    return null;
  }
  return {
    label: row.marketSentiment,
    scores: {
      bullish: row.marketBullish ?? 0,
      bearish: row.marketBearish ?? 0,
      neutral: row.marketNeutral ?? 0,
    },
    model: row.marketModel ?? null,
  };
}
