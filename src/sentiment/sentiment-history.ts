/** Daily aggregates of scored headlines: pure grouping by UTC day. */
import type { ScoredNewsRow } from '../news/news.store';
import { signedScore } from './engine/labels';
import { type MarketMood, marketMood } from './market-mood';
import { mood, type MoodScore } from './sentiment-summary';

export interface DailyMood extends MoodScore {
  date: string;
  positive: number;
  negative: number;
  /** The market view of the day's headlines. */
  market: MarketMood;
}

const DAY_MS = 86_400_000;

/** One entry per UTC day from `from` to `to`, days without scored news included with count 0. */
export function dailyMood(rows: readonly ScoredNewsRow[], from: Date, to: Date): DailyMood[] {
  const byDay = new Map<number, ScoredNewsRow[]>();
  for (const row of rows) {
    const day = Math.floor(row.publishedAt.getTime() / DAY_MS);
    const group = byDay.get(day);
    if (group) {
      group.push(row);
    } else {
      byDay.set(day, [row]);
    }
  }
  const days: DailyMood[] = [];
  for (
    let day = Math.floor(from.getTime() / DAY_MS);
    day <= Math.floor(to.getTime() / DAY_MS);
    day++
  ) {
    const dayRows = byDay.get(day) ?? [];
    const signed = dayRows
      .filter((r) => r.sentiment !== null)
      .map((r) => signedScore(r.sentiment ?? '', r.sentimentScore ?? 0));
    days.push({
      date: new Date(day * DAY_MS).toISOString().slice(0, 10),
      ...mood(signed),
      positive: signed.filter((s) => s > 0).length,
      negative: signed.filter((s) => s < 0).length,
      market: marketMood(dayRows.filter((r) => r.marketSentiment !== null)),
    });
  }
  return days;
}
