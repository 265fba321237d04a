import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { NewsIngestService } from '../../src/news/news-ingest.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

const text = (v: string) => (v === '' ? null : v);
const num = (v: string) => (v === '' ? null : Number(v));
const list = (v: string) => (v === '' ? [] : v.split(';'));

/** The CSV of `path` (format=csv added), parsed with its header row. */
async function csvOf(t: FakeBackedApp, path: string): Promise<Record<string, string>[]> {
  const sep = path.includes('?') ? '&' : '?';
  const res = await request(t.running.url).get(`${path}${sep}format=csv`).expect(200);
  assert.match(res.headers['content-type'], /^text\/csv/);
  assert.match(res.headers['content-disposition'], /^attachment; filename=".+\.csv"$/);
  return parse<Record<string, string>>(res.text, { columns: true });
}

describe('format=csv on the DeFi and news lists', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);

  before(async () => {
    t = await startFakeBackedApp({ PROVIDER_TIMEOUT_MS: '3000' });
    await t.running.app.get(NewsIngestService).ingestAll();
  });

  after(async () => {
    await t.stop();
  });

  it('DeFi protocols: every row parses back to the JSON (chains joined with ";")', async () => {
    const json = await api().get('/api/defi?limit=5').expect(200);
    const records = await csvOf(t, '/api/defi?limit=5');
    assert.ok(records.length > 0);
    assert.deepEqual(
      records.map((r) => ({
        name: r.name,
        slug: r.slug,
        tvl: Number(r.tvl),
        chain: text(r.chain),
        chains: list(r.chains),
        symbol: text(r.symbol),
        category: text(r.category),
        change_1d: num(r.change_1d),
        change_7d: num(r.change_7d),
      })),
      json.body.data,
    );
  });

  it('DeFi chains: every row parses back to the JSON', async () => {
    const json = await api().get('/api/defi/chains').expect(200);
    const records = await csvOf(t, '/api/defi/chains');
    assert.ok(records.length > 0);
    assert.deepEqual(
      records.map((r) => ({
        name: r.name,
        tvl: Number(r.tvl),
        token_symbol: text(r.token_symbol),
      })),
      json.body.data,
    );
  });

  it('news: the page parses back to the JSON, filters and paging applied alike', async () => {
    for (const path of ['/api/news?limit=100', '/api/news?limit=2&page=2']) {
      const json = await api().get(path).expect(200);
      const records = await csvOf(t, path);
      assert.ok(json.body.data.length > 0, path);
      assert.deepEqual(
        records.map((r) => ({
          id: Number(r.id),
          title: r.title,
          url: r.url,
          summary: text(r.summary),
          source: r.source,
          published_at: r.published_at,
          image_url: text(r.image_url),
          symbols: list(r.symbols),
          sentiment_label: text(r.sentiment_label),
          sentiment_score: num(r.sentiment_score),
          market_sentiment_label: text(r.market_sentiment_label),
        })),
        json.body.data.map((item: Record<string, unknown>) => {
          const sentiment = item.sentiment as { label: string; score: number | null } | null;
          const market = item.market_sentiment as { label: string } | null;
          return {
            id: item.id,
            title: item.title,
            url: item.url,
            summary: item.summary,
            source: item.source,
            published_at: item.published_at,
            image_url: item.image_url,
            symbols: item.symbols,
            sentiment_label: sentiment?.label ?? null,
            sentiment_score: sentiment?.score ?? null,
            market_sentiment_label: market?.label ?? null,
          };
        }),
        path,
      );
    }
  });

  it('refuses an unknown format on every list', async () => {
    for (const path of ['/api/defi', '/api/defi/chains', '/api/news']) {
      const res = await api().get(`${path}?format=xml`).expect(400);
      assert.equal(res.body.message, 'format must be json or csv', path);
    }
  });
});
