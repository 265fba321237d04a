import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScoredNewsRow } from '../news/news.store';
import { marketLabel, marketScores, signedScore } from './engine/labels';
import { dailyMood } from './sentiment-history';
import { mood, summarise } from './sentiment-summary';

const row = (
  id: number,
  sentiment: string,
  score: number,
  extra: Partial<ScoredNewsRow> = {},
): ScoredNewsRow => ({
  id,
  title: `t${id}`,
  url: `https://x.example/${id}`,
  source: 'a',
  symbols: [],
  publishedAt: new Date('2026-11-28T10:00:00Z'),
  sentiment,
  sentimentScore: score,
  ...extra,
});

describe('sentiment aggregation', () => {
  it('signs scores by label and maps hub label names to market labels', () => {
    assert.equal(signedScore('POSITIVE', 0.8), 0.8);
    assert.equal(signedScore('negative', 0.8), -0.8);
    assert.equal(signedScore('NEUTRAL', 0.9), 0);
    const scores = marketScores([
      { label: 'Positive', score: 0.7 },
      { label: 'negative', score: 0.1 },
      { label: 'neutral', score: 0.2 },
    ]);
    assert.deepEqual(scores, { bullish: 0.7, bearish: 0.1, neutral: 0.2 });
    assert.equal(marketLabel(scores), 'bullish');
  });

  it('labels the mean signed score with a neutral band of ±0.1', () => {
    assert.deepEqual(mood([0.9, -0.5]), { label: 'positive', score: 0.2, count: 2 });
    assert.deepEqual(mood([0.5, -0.4]), { label: 'neutral', score: 0.05, count: 2 });
    assert.deepEqual(mood([]), { label: 'neutral', score: 0, count: 0 });
  });

  it('ranks headlines and groups by source and coin', () => {
    const summary = summarise([
      row(1, 'POSITIVE', 0.9, { symbols: ['BTC'] }),
      row(2, 'NEGATIVE', 0.99, { symbols: ['BTC', 'ETH'], source: 'b' }),
      row(3, 'POSITIVE', 0.6),
      row(4, 'NEGATIVE', 0.7),
    ]);
    assert.deepEqual(summary.counts, { total: 4, positive: 2, negative: 2, neutral: 0 });
    assert.deepEqual(
      summary.mostPositive.map((h) => h.id),
      [1, 3],
    );
    assert.deepEqual(
      summary.mostNegative.map((h) => h.id),
      [2, 4],
    );
    assert.equal(summary.byCoin.BTC.count, 2);
    assert.equal(summary.byCoin.ETH.score, -0.99);
    assert.deepEqual(Object.keys(summary.bySource), ['a', 'b']);
  });

  it('gives one entry per UTC day, empty days included', () => {
    const days = dailyMood(
      [
        row(1, 'POSITIVE', 1, { publishedAt: new Date('2026-11-26T23:59:00Z') }),
        row(2, 'NEGATIVE', 0.5),
      ],
      new Date('2026-11-26T00:00:00Z'),
      new Date('2026-11-28T12:00:00Z'),
    );
    assert.deepEqual(
      days.map((d) => [d.date, d.count, d.positive, d.negative, d.label]),
      [
        ['2026-11-26', 1, 1, 0, 'positive'],
        ['2026-11-27', 0, 0, 0, 'neutral'],
        ['2026-11-28', 1, 0, 1, 'negative'],
      ],
    );
  });
});
