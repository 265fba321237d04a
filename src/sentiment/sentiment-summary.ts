/** Pure aggregation of scored headlines into the market-mood summary. */
import { marketView, type MarketViewOut } from '../news/news-sentiment';
import type { ScoredNewsRow } from '../news/news.store';
import { signedScore } from './engine/labels';

export interface MoodScore {
  label: 'positive' | 'negative' | 'neutral';
  /** Mean of +score (positive) / -score (negative) over the items: -1..1. */
  score: number;
  count: number;
}

export interface HeadlineScore {
  id: number;
  title: string;
  url: string;
  source: string;
  label: string;
  score: number;
  published_at: string;
  /** The market model's view of the same headline. */
  market: MarketViewOut | null;
}

export interface SentimentSummary {
  overall: MoodScore;
  counts: { total: number; positive: number; negative: number; neutral: number };
  mostPositive: HeadlineScore[];
  mostNegative: HeadlineScore[];
  bySource: Record<string, MoodScore>;
  byCoin: Record<string, MoodScore>;
}

/** A mean signed score within ±0.1 of zero reads as neutral. */
const NEUTRAL_BAND = 0.1;
const TOP = 5;

export function mood(signed: readonly number[]): MoodScore {
  const score = signed.length ? signed.reduce((a, b) => a + b, 0) / signed.length : 0;
  const label = score > NEUTRAL_BAND ? 'positive' : score < -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { label, score: round4(score), count: signed.length };
}

/** The binary view of the rows the sentiment model scored (others are left out). */
export function summarise(all: readonly ScoredNewsRow[]): SentimentSummary {
  const rows = all.filter((r) => r.sentiment !== null);
  const signed = rows.map((r) => signedScore(r.sentiment ?? '', r.sentimentScore ?? 0));
  const ranked = rows
    .map((row, i) => ({ row, signed: signed[i] }))
    .sort((a, b) => b.signed - a.signed);
  return {
    overall: mood(signed),
    counts: {
      total: rows.length,
      positive: signed.filter((s) => s > 0).length,
      negative: signed.filter((s) => s < 0).length,
      neutral: signed.filter((s) => s === 0).length,
    },
    mostPositive: ranked
      .filter((r) => r.signed > 0)
      .slice(0, TOP)
      .map((r) => headline(r.row)),
    mostNegative: ranked
      .filter((r) => r.signed < 0)
      .reverse()
      .slice(0, TOP)
      .map((r) => headline(r.row)),
    bySource: groupMood(rows, signed, (row) => [row.source]),
    byCoin: groupMood(rows, signed, (row) => row.symbols),
  };
}

function groupMood(
  rows: readonly ScoredNewsRow[],
  signed: readonly number[],
  keys: (row: ScoredNewsRow) => string[],
): Record<string, MoodScore> {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    for (const key of keys(row)) {
      pushTo(groups, key, signed[i]);
    }
  });
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, mood(v)]),
  );
}

/** Appends in place: copying the group for every row made grouping quadratic. */
export function pushTo<K>(groups: Map<K, number[]>, key: K, value: number): void {
  const group = groups.get(key);
  if (group) {
    group.push(value);
  } else {
    groups.set(key, [value]);
  }
}

export function headline(row: ScoredNewsRow): HeadlineScore {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    source: row.source,
    label: row.sentiment ?? '',
    score: row.sentimentScore ?? 0,
    published_at: row.publishedAt.toISOString(),
    market: marketView(row),
  };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
