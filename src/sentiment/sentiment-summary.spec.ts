import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScoredNewsRow } from '../news/news.store';
import { marketLabel, marketScores, signedScore } from './engine/labels';
import { dailyMood } from './sentiment-history';
import { marketMood, modelUse, summariseMarket } from './market-mood';
import { mood, summarise } from './sentiment-summary';

const row = (
  id: number,
  sentiment: string | null,
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
  sentimentModel: 'bin',
  sentimentRevision: null,
  marketSentiment: null,
  marketBullish: null,
  marketBearish: null,
  marketNeutral: null,
  marketModel: null,
  marketRevision: null,
  ...extra,
});

/** A row with a market view from model `mkt` (revision r1) and no binary one. */
const marketRow = (
  id: number,
  [bullish, bearish, neutral]: [number, number, number],
  extra: Partial<ScoredNewsRow> = {},
): ScoredNewsRow =>
  row(id, null, 0, {
    marketSentiment:
      bullish > bearish && bullish > neutral
        ? 'bullish'
        : bearish > neutral
          ? 'bearish'
          : 'neutral',
    marketBullish: bullish,
    marketBearish: bearish,
    marketNeutral: neutral,
    marketModel: 'mkt',
    marketRevision: 'r1',
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

  it('sums the market view: mean P(bullish) - P(bearish), label shares, groups and ranks', () => {
    const rows = [
      marketRow(1, [0.8, 0.1, 0.1], { symbols: ['BTC'] }),
      marketRow(2, [0.1, 0.7, 0.2], { symbols: ['BTC'], source: 'b' }),
      marketRow(3, [0.6, 0.2, 0.2]),
      marketRow(4, [0.2, 0.2, 0.6]),
      row(5, 'POSITIVE', 0.9),
    ];
    const market = summariseMarket(rows);
    // (0.7 - 0.6 + 0.4 + 0) / 4 = 0.125: above the neutral band.
    assert.deepEqual(market.overall, {
      label: 'bullish',
      score: 0.125,
      shares: { bullish: 0.5, bearish: 0.25, neutral: 0.25 },
      count: 4,
    });
    assert.deepEqual(market.counts, { total: 4, bullish: 2, bearish: 1, neutral: 1 });
    assert.deepEqual(
      market.mostBullish.map((h) => h.id),
      [1, 3],
    );
    assert.deepEqual(
      market.mostBearish.map((h) => h.id),
      [2],
    );
    assert.deepEqual(market.byCoin.BTC, {
      label: 'neutral',
      score: 0.05,
      shares: { bullish: 0.5, bearish: 0.5, neutral: 0 },
      count: 2,
    });
    assert.deepEqual(market.mostBullish[0].market, {
      label: 'bullish',
      scores: { bullish: 0.8, bearish: 0.1, neutral: 0.1 },
      model: 'mkt',
    });
    assert.deepEqual(marketMood([]), {
      label: 'neutral',
      score: 0,
      shares: { bullish: 0, bearish: 0, neutral: 0 },
      count: 0,
    });
    // The binary view leaves out rows only the market model scored.
    assert.deepEqual(summarise(rows).counts, { total: 1, positive: 1, negative: 0, neutral: 0 });
  });

  it('counts the rows of each model and revision and marks the active one', () => {
    assert.deepEqual(
      modelUse(['a', 'a', 'b', null, 'a'], ['r1', 'r1', null, null, 'r2'], {
        name: 'a',
        revision: 'r2',
      }),
      [
        { model: 'a', revision: 'r1', count: 2, active: false },
        { model: 'b', revision: null, count: 1, active: false },
        { model: 'a', revision: 'r2', count: 1, active: true },
      ],
    );
  });
});
