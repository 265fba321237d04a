/** Daily aggregates of scored headlines: pure grouping by UTC day. */
import type { ScoredNewsRow } from '../news/news.store';
import { signedScore } from './engine/labels';
import { mood, type MoodScore, pushTo } from './sentiment-summary';

export interface DailyMood extends MoodScore {
  date: string;
  positive: number;
  negative: number;
}

const DAY_MS = 86_400_000;

/** One entry per UTC day from `from` to `to`, days without scored news included with count 0. */
export function dailyMood(rows: readonly ScoredNewsRow[], from: Date, to: Date): DailyMood[] {
  const byDay = new Map<number, number[]>();
  for (const row of rows) {
    const day = Math.floor(row.publishedAt.getTime() / DAY_MS);
    pushTo(byDay, day, signedScore(row.sentiment ?? '', row.sentimentScore ?? 0));
  }
  const days: DailyMood[] = [];
  for (
    let day = Math.floor(from.getTime() / DAY_MS);
    day <= Math.floor(to.getTime() / DAY_MS);
    day++
  ) {
    const signed = byDay.get(day) ?? [];
    days.push({
      date: new Date(day * DAY_MS).toISOString().slice(0, 10),
      ...mood(signed),
      positive: signed.filter((s) => s > 0).length,
      negative: signed.filter((s) => s < 0).length,
    });
  }
  return days;
}
