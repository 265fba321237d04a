/** Pure aggregation of the market (bullish/bearish/neutral) view of scored headlines. */
import type { ScoredNewsRow } from '../news/news.store';
import type { MarketLabel } from './engine/labels';
import { type HeadlineScore, headline, pushTo } from './sentiment-summary';

export interface MarketMood {
  /** bullish above +0.1, bearish below -0.1, neutral between. */
  label: MarketLabel;
  /** Mean of P(bullish) - P(bearish) over the headlines: -1..1. */
  score: number;
  /** The fraction of headlines the model labelled each way (0 when there are none). */
  shares: Record<MarketLabel, number>;
  count: number;
}

export interface MarketSummary {
  overall: MarketMood;
  counts: Record<MarketLabel, number> & { total: number };
  mostBullish: HeadlineScore[];
  mostBearish: HeadlineScore[];
  bySource: Record<string, MarketMood>;
  byCoin: Record<string, MarketMood>;
}

/** One model's share of the headlines a view was aggregated from. */
export interface ModelUse {
  model: string;
  revision: string | null;
  count: number;
  /** The model serving that role now; rows of inactive models wait for the re-scoring job. */
  active: boolean;
}

const NEUTRAL_BAND = 0.1;
const TOP = 5;

/** P(bullish) - P(bearish): the market score of one headline. */
export function marketScore(row: ScoredNewsRow): number {
  return (row.marketBullish ?? 0) - (row.marketBearish ?? 0);
}

export function marketMood(rows: readonly ScoredNewsRow[]): MarketMood {
  const score = rows.length ? rows.reduce((sum, r) => sum + marketScore(r), 0) / rows.length : 0;
  const share = (label: MarketLabel) =>
    rows.length ? round4(rows.filter((r) => r.marketSentiment === label).length / rows.length) : 0;
  return {
    label: score > NEUTRAL_BAND ? 'bullish' : score < -NEUTRAL_BAND ? 'bearish' : 'neutral',
    score: round4(score),
    shares: { bullish: share('bullish'), bearish: share('bearish'), neutral: share('neutral') },
    count: rows.length,
  };
}

/** The market view of the rows the market model scored (others are left out). */
export function summariseMarket(all: readonly ScoredNewsRow[]): MarketSummary {
  const rows = all.filter((r) => r.marketSentiment !== null);
  const ranked = [...rows].sort((a, b) => marketScore(b) - marketScore(a));
  const count = (label: MarketLabel) => rows.filter((r) => r.marketSentiment === label).length;
  return {
    overall: marketMood(rows),
    counts: {
      total: rows.length,
      bullish: count('bullish'),
      bearish: count('bearish'),
      neutral: count('neutral'),
    },
    mostBullish: ranked
      .filter((r) => r.marketSentiment === 'bullish')
      .slice(0, TOP)
      .map(headline),
    mostBearish: ranked
      .filter((r) => r.marketSentiment === 'bearish')
      .reverse()
      .slice(0, TOP)
      .map(headline),
    bySource: groupMarket(rows, (row) => [row.source]),
    byCoin: groupMarket(rows, (row) => row.symbols),
  };
}

function groupMarket(
  rows: readonly ScoredNewsRow[],
  keys: (row: ScoredNewsRow) => string[],
): Record<string, MarketMood> {
  const groups = new Map<string, ScoredNewsRow[]>();
  for (const row of rows) {
    for (const key of keys(row)) {
      const group = groups.get(key);
      if (group) {
        group.push(row);
      } else {
        groups.set(key, [row]);
      }
    }
  }
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, marketMood(v)]),
  );
}

/** Which models (name and revision) scored the rows, with the active one marked. */
export function modelUse(
  names: readonly (string | null)[],
  revisions: readonly (string | null)[],
  active: { name: string; revision: string | null } | undefined,
): ModelUse[] {
  const counts = new Map<string, number[]>();
  names.forEach((name, i) => {
    if (name !== null) {
      pushTo(counts, JSON.stringify([name, revisions[i]]), 1);
    }
  });
  return [...counts].map(([key, ones]) => {
    const [model, revision] = JSON.parse(key) as [string, string | null];
    const isActive = active?.name === model && (active.revision ?? null) === revision;
    return { model, revision, count: ones.length, active: isActive };
  });
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
