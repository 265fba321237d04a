import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { NewsIngestService } from '../../src/news/news-ingest.service';
import { ModelManager } from '../../src/sentiment/engine/model-manager.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

type Market = 'bullish' | 'bearish' | 'neutral';
type Scores = Record<Market, number>;

interface NewsRow {
  id: number;
  title: string;
  source: string;
  symbols: string[];
  sentiment: { label: string; score: number; model: string } | null;
  market_sentiment: { label: Market; scores: Scores; model: string } | null;
}

interface MarketMood {
  label: Market;
  score: number;
  shares: Scores;
  count: number;
}

const FEEDS = ['ledger', 'wire', 'atom', 'mood'];
const MARKETS: Market[] = ['bullish', 'bearish', 'neutral'];
const NEUTRAL_BELOW = 0.8;

const close = (actual: number, expected: number, what: string, tolerance = 1e-4) =>
  assert.ok(Math.abs(actual - expected) < tolerance, `${what}: ${actual} vs ${expected}`);

/** What the aggregates should say, computed here from the market model's own answers. */
function expectedMood(views: { label: Market; scores: Scores }[]): MarketMood {
  const score = views.reduce((s, v) => s + v.scores.bullish - v.scores.bearish, 0) / views.length;
  const share = (label: Market) => views.filter((v) => v.label === label).length / views.length;
  return {
    label: score > 0.1 ? 'bullish' : score < -0.1 ? 'bearish' : 'neutral',
    score,
    shares: { bullish: share('bullish'), bearish: share('bearish'), neutral: share('neutral') },
    count: views.length,
  };
}

function assertMood(actual: MarketMood, expected: MarketMood, what: string): void {
  assert.equal(actual.count, expected.count, `${what} count`);
  assert.equal(actual.label, expected.label, `${what} label`);
  close(actual.score, expected.score, `${what} score`);
  for (const label of MARKETS) {
    close(actual.shares[label], expected.shares[label], `${what} share ${label}`);
  }
}

describe('the market view of every headline: stored beside the binary view, aggregated', () => {
  let t: FakeBackedApp;
  let news: NewsRow[];
  /** The market model's answer for each stored title, asked through the API one by one. */
  const model = new Map<string, { label: Market; scores: Scores }>();
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp((fake) => ({
      ENABLE_SENTIMENT_ANALYSIS: 'true',
      SENTIMENT_NEUTRAL_BELOW: String(NEUTRAL_BELOW),
      // Every feed answers even on a loaded machine: the test reads all their headlines.
      PROVIDER_TIMEOUT_MS: '5000',
      NEWS_FEEDS: FEEDS.map((feed) => `${fake.baseUrl}/feeds/${feed}`).join(','),
    }));
    await t.running.app.get(ModelManager).settled();
    await t.running.app.get(NewsIngestService).ingestAll();
    news = (await api().get('/api/news?limit=100').expect(200)).body.data as NewsRow[];
    for (const { title } of news) {
      const { body } = await api().post('/api/sentiment/crypto-analysis').send({ text: title });
      assert.equal(body.method, 'classifier');
      model.set(title, { label: body.sentiment as Market, scores: body.scores as Scores });
    }
  });

  after(async () => {
    await t.stop();
  });

  it('stores both views with every headline, the market one as the model gave it', async () => {
    assert.ok(news.length >= 8, `${news.length} items`);
    for (const item of news) {
      assert.match(item.sentiment?.label ?? '', /^(POSITIVE|NEGATIVE)$/, item.title);
      assert.equal(item.sentiment?.model, 'cdt-sentiment-binary');
      const stored = item.market_sentiment;
      assert.ok(stored, `"${item.title}" has a market view`);
      assert.equal(stored.model, 'cdt-market-sentiment');
      const answer = model.get(item.title)!;
      assert.equal(stored.label, answer.label, item.title);
      for (const label of MARKETS) {
        close(stored.scores[label], answer.scores[label], `${item.title} ${label}`, 1e-5);
      }
      close(stored.scores.bullish + stored.scores.bearish + stored.scores.neutral, 1, 'sum');
    }
    // The feed's clear-cut headlines, read as a market reader would.
    const label = (start: string) =>
      news.find((n) => n.title.startsWith(start))?.market_sentiment?.label;
    assert.equal(label('Bitcoin surges'), 'bullish');
    assert.equal(label('Bitcoin price crashes'), 'bearish');
    const one = (await api().get(`/api/news/${news[0].id}`).expect(200)).body.data as NewsRow;
    assert.deepEqual(one.market_sentiment, news[0].market_sentiment);
  });

  it('GET /api/sentiment sums up the market view and names the models, binary view kept', async () => {
    const { body } = await api().get('/api/sentiment').expect(200);
    const views = news.map((n) => model.get(n.title)!);
    assertMood(body.market_sentiment, expectedMood(views), 'overall');
    const count = (label: Market) => views.filter((v) => v.label === label).length;
    assert.deepEqual(body.market_counts, {
      total: news.length,
      bullish: count('bullish'),
      bearish: count('bearish'),
      neutral: count('neutral'),
      unscored: 0,
    });
    const btc = news.filter((n) => n.symbols.includes('BTC'));
    assertMood(body.market_by_coin.BTC, expectedMood(btc.map((n) => model.get(n.title)!)), 'BTC');
    const bySource: Record<string, MarketMood> = body.market_by_source;
    for (const [source, mood] of Object.entries(bySource)) {
      const rows = news.filter((n) => n.source === source).map((n) => model.get(n.title)!);
      assertMood(mood, expectedMood(rows), source);
    }
    const market = (n: NewsRow) => model.get(n.title)!.scores;
    const bullish = news
      .filter((n) => model.get(n.title)!.label === 'bullish')
      .sort(
        (a, b) => market(b).bullish - market(b).bearish - (market(a).bullish - market(a).bearish),
      );
    assert.deepEqual(
      body.top_market.most_bullish.map((h: { id: number }) => h.id),
      bullish.slice(0, 5).map((n) => n.id),
    );
    assert.equal(body.top_market.most_bullish[0].market.label, 'bullish');
    // The models behind each view, with how many headlines each scored.
    assert.equal(body.models.market.length, 1);
    assert.deepEqual(
      [body.models.market[0].model, body.models.market[0].count, body.models.market[0].active],
      ['cdt-market-sentiment', news.length, true],
    );
    assert.match(body.models.market[0].revision, /^[0-9a-f]{16}$/);
    assert.deepEqual(
      [body.models.binary[0].model, body.models.binary[0].count],
      ['cdt-sentiment-binary', news.length],
    );
    // The binary view stays as it was.
    assert.equal(body.counts.total, news.length);
    assert.equal(body.overall_sentiment.count, news.length);
  });

  it('history and the coin endpoint carry the market view too', async () => {
    const history = (await api().get('/api/sentiment/history?days=2').expect(200)).body;
    const byDay = new Map<string, { label: Market; scores: Scores }[]>();
    const published = new Map(
      (
        (await api().get('/api/news?limit=100').expect(200)).body.data as {
          title: string;
          published_at: string;
        }[]
      ).map((n) => [n.title, n.published_at.slice(0, 10)]),
    );
    for (const item of news) {
      const day = published.get(item.title)!;
      byDay.set(day, [...(byDay.get(day) ?? []), model.get(item.title)!]);
    }
    let counted = 0;
    for (const day of history.data as { date: string; market: MarketMood }[]) {
      const views = byDay.get(day.date) ?? [];
      counted += day.market.count;
      if (views.length > 0) {
        assertMood(day.market, expectedMood(views), day.date);
      } else {
        assert.equal(day.market.count, 0);
      }
    }
    assert.equal(counted, news.length);

    const coin = (await api().get('/api/sentiment/coins/btc').expect(200)).body;
    const btc = news.filter((n) => n.symbols.includes('BTC'));
    assertMood(coin.market_sentiment, expectedMood(btc.map((n) => model.get(n.title)!)), 'coin');
    assert.equal(coin.overall_sentiment.count, btc.length);
    for (const headline of coin.recent as { title: string; market: { label: Market } }[]) {
      assert.equal(headline.market.label, model.get(headline.title)!.label);
    }
  });

  it('/api/analyze/text also answers sentiment (neutral below the threshold) and confidence', async () => {
    const texts = [
      'I love this, it is wonderful! Great results and amazing progress.',
      'This is the worst experience ever, totally broken and awful.',
      'The committee meets on Tuesday.',
      'Token',
      'Bitcoin',
      'The report is due next week.',
    ];
    const seen = new Set<string>();
    for (const text of texts) {
      const { body } = await api().post('/api/analyze/text').send({ text }).expect(200);
      assert.deepEqual(Object.keys(body).sort(), [
        'confidence',
        'label',
        'model',
        'score',
        'sentiment',
        'text',
        'timestamp',
      ]);
      assert.equal(body.confidence, body.score);
      const expected = body.confidence < NEUTRAL_BELOW ? 'neutral' : body.label.toLowerCase();
      assert.equal(body.sentiment, expected, `"${text}" ${body.label} ${body.confidence}`);
      seen.add(body.sentiment as string);
    }
    // Both sides of the threshold were met: clear texts keep their polarity, vague ones do not.
    assert.ok(seen.has('positive') && seen.has('negative'), [...seen].join());
    assert.ok(seen.has('neutral'), `no text fell below ${NEUTRAL_BELOW}: ${[...seen].join()}`);
  });
});
