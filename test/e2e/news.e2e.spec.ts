import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NewsFeedState } from '../../src/news/entities/news-feed.entity';
import { NewsItem } from '../../src/news/entities/news-item.entity';
import { type FeedOutcome, NewsIngestService } from '../../src/news/news-ingest.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface Item {
  id: number;
  title: string;
  url: string;
  summary: string | null;
  source: string;
  published_at: string;
  image_url: string | null;
  symbols: string[];
}

const FEEDS = ['ledger', 'wire', 'atom', 'laughs', 'xxe', 'cut', 'blocked'];
const name = (feed: string) => `127.0.0.1/feeds/${feed}`;

describe('news: feeds fetched, parsed, de-duplicated, tagged and served', () => {
  let t: FakeBackedApp;
  let firstRun: FeedOutcome[];
  const api = () => request(t.running.url);
  const all = async (): Promise<Item[]> =>
    (await api().get('/api/news?limit=100').expect(200)).body.data as Item[];
  const titled = (items: Item[], start: string) => {
    const item = items.find((i) => i.title.startsWith(start));
    assert.ok(item, `no item titled "${start}…" in ${items.map((i) => i.title).join(' | ')}`);
    return item;
  };

  before(async () => {
    t = await startFakeBackedApp((fake) => ({
      NEWS_FEEDS: FEEDS.map((feed) => `${fake.baseUrl}/feeds/${feed}`).join(','),
      // No feed hangs here: a busy machine must not turn a slow parse into a failed feed.
      PROVIDER_TIMEOUT_MS: '3000',
    }));
    firstRun = await t.running.app.get(NewsIngestService).ingestAll();
  });

  after(async () => {
    await t.stop();
  });

  it('stores the good feeds and reports each bad one without stopping the rest', () => {
    const stored = Object.fromEntries(firstRun.map((o) => [o.feed, o.stored]));
    assert.deepEqual(stored, {
      [name('ledger')]: 3,
      [name('wire')]: 1,
      [name('atom')]: 1,
      [name('laughs')]: 1,
      [name('xxe')]: 0,
      [name('cut')]: 0,
      [name('blocked')]: 0,
    });
    const errors = Object.fromEntries(firstRun.map((o) => [o.feed, o.error ?? null]));
    assert.match(errors[name('xxe')] ?? '', /External entities are not supported/);
    assert.match(errors[name('cut')] ?? '', /bad_payload: .*not a complete RSS or Atom document/);
    assert.match(errors[name('blocked')] ?? '', /403|auth|blocked/i);
  });

  it('decodes CDATA and entities, strips HTML, drops tracking parameters, finds images', async () => {
    const items = await all();
    const ethSol = titled(items, 'Ethereum & Solana');
    assert.equal(ethSol.title, 'Ethereum & Solana lead as DeFi TVL climbs');
    assert.equal(ethSol.url, 'https://ledger.example/news/eth-sol?id=7');
    assert.equal(ethSol.summary, 'Prices rose ’sharply’ …');
    assert.equal(ethSol.image_url, 'https://img.ledger.example/eth.png');
    assert.deepEqual(ethSol.symbols, ['ETH', 'SOL']);

    const hashrate = titled(items, 'Bitcoin’s hashrate');
    assert.equal(hashrate.title, 'Bitcoin’s hashrate & difficulty hit records');
    assert.equal(hashrate.summary, 'Miners keep adding machines.');
    assert.equal(hashrate.image_url, 'https://img.ledger.example/hash.jpg');
    const fetched = Date.parse(hashrate.published_at);
    assert.ok(Math.abs(fetched - Date.now()) < 60_000, 'no pubDate: the fetch time');

    assert.equal(titled(items, 'Chainlink').image_url, 'https://img.ledger.example/link.png');
    assert.equal(titled(items, 'XRP Ledger').image_url, 'https://img.wire.example/xrp.jpg');
    assert.ok(
      !items.some((i) => i.url.endsWith('/untitled')),
      'an item without a title is skipped',
    );
  });

  it('reads Atom entries', async () => {
    const doge = titled(await all(), 'Dogecoin');
    assert.equal(doge.title, 'Dogecoin rallies on payments news');
    assert.equal(doge.url, 'https://atom.example/doge-rallies');
    assert.equal(doge.summary, 'Dogecoin gained 8%.');
    assert.equal(doge.image_url, 'https://img.atom.example/doge.png');
    assert.deepEqual(doge.symbols, ['DOGE']);
    assert.equal(doge.source, name('atom'));
  });

  it('never expands DOCTYPE entities', async () => {
    const ada = titled(await all(), 'Cardano');
    assert.equal(ada.title, 'Cardano &c; governance vote passes');
    assert.deepEqual(ada.symbols, ['ADA']);
  });

  it('stores a story seen in two feeds once, by canonical link and by title', async () => {
    const items = await all();
    assert.equal(
      items.filter((i) => i.title.toLowerCase().includes('cross-chain staking')).length,
      1,
    );
    assert.equal(
      items.filter((i) => i.url.startsWith('https://ledger.example/news/eth-sol')).length,
      1,
    );
    assert.equal(await t.running.app.get(DataSource).getRepository(NewsItem).count(), items.length);
    assert.equal(items.length, 6);
  });

  it('pages newest first and filters by symbol, source and time', async () => {
    const page = await api().get('/api/news?page=2&limit=2').expect(200);
    assert.deepEqual(page.body.meta, { total: 6, page: 2, limit: 2, pages: 3 });
    const times = (await all()).map((i) => Date.parse(i.published_at));
    assert.ok(times.every((time, i) => i === 0 || time <= times[i - 1]));

    const eth = await api().get('/api/news?symbol=eth').expect(200);
    assert.deepEqual(
      eth.body.data.map((i: Item) => i.title),
      ['Ethereum & Solana lead as DeFi TVL climbs'],
    );
    const wire = await api()
      .get(`/api/news?source=${encodeURIComponent(name('wire'))}`)
      .expect(200);
    assert.deepEqual(
      wire.body.data.map((i: Item) => i.title),
      ['XRP Ledger adds an automated market maker'],
    );
    const since = new Date(Date.now() - 2.5 * 3_600_000).toISOString();
    const recent = await api().get(`/api/news?since=${since}`).expect(200);
    assert.ok(recent.body.data.every((i: Item) => Date.parse(i.published_at) >= Date.parse(since)));
    assert.equal(recent.body.meta.total, 2);

    const bad = await api().get('/api/news?limit=0&since=yesterday').expect(400);
    assert.match(bad.body.message, /limit must be an integer from 1 to 100/);
    assert.match(bad.body.message, /since must be an ISO 8601 date/);
  });

  it('serves one item by id and 404s a missing one', async () => {
    const [first] = await all();
    const one = await api().get(`/api/news/${first.id}`).expect(200);
    assert.deepEqual(one.body.data, first);
    const missing = await api().get('/api/news/999999').expect(404);
    assert.equal(missing.body.message, 'No news item with id 999999');
    await api().get('/api/news/abc').expect(400);
  });

  it('lists each feed with its last fetch, items stored and last error', async () => {
    const res = await api().get('/api/news/sources').expect(200);
    const sources = res.body.data as {
      name: string;
      items_stored: number;
      last_error: string | null;
      last_fetched_at: string | null;
      last_success_at: string | null;
    }[];
    assert.deepEqual(
      sources.map((s) => [s.name, s.items_stored, s.last_error === null]),
      [
        [name('ledger'), 3, true],
        [name('wire'), 1, true],
        [name('atom'), 1, true],
        [name('laughs'), 1, true],
        [name('xxe'), 0, false],
        [name('cut'), 0, false],
        [name('blocked'), 0, false],
      ],
    );
    assert.ok(sources.every((s) => s.last_fetched_at !== null));
    assert.equal(sources.find((s) => s.name === name('cut'))?.last_success_at, null);
  });

  it('a second run stores nothing new and asks with the stored ETag', async () => {
    t.fake.resetCounts();
    const second = await t.running.app.get(NewsIngestService).ingestAll();
    assert.ok(second.every((o) => o.stored === 0));
    assert.equal((await all()).length, 6);
    assert.equal(t.fake.count('feeds:/ledger'), 1);
    const ledger = await t.running.app
      .get(DataSource)
      .getRepository(NewsFeedState)
      .findOneByOrFail({ name: name('ledger') });
    assert.equal(ledger.etag, '"ledger-v1"', 'the validator sent back as If-None-Match');
  });

  it('keeps items and feed states across a restart', async () => {
    const before = await all();
    await t.restart();
    assert.deepEqual(await all(), before);
    const sources = await api().get('/api/news/sources').expect(200);
    assert.equal(sources.body.data[0].items_stored, 3);
  });
});

describe('news: failing feeds never stop a healthy one', () => {
  /** Each failing feed and the error its first fetch records. */
  const FAILING: Record<string, RegExp> = {
    wire: /^upstream_5xx: /,
    atom: /^timeout: /,
    laughs: /^bad_payload: .*not a complete RSS or Atom document/,
    cut: /^bad_payload: .*not a complete RSS or Atom document/,
    blocked: /^geo_blocked: .*403/,
    mood: /^rate_limited: /,
  };
  let t: FakeBackedApp;
  const feedState = (feed: string) =>
    t.running.app
      .get(DataSource)
      .getRepository(NewsFeedState)
      .findOneByOrFail({ name: name(feed) });

  before(async () => {
    t = await startFakeBackedApp((fake) => ({
      // Listed first, so at least three have failed before `ledger` is fetched.
      NEWS_FEEDS: [...Object.keys(FAILING), 'ledger']
        .map((feed) => `${fake.baseUrl}/feeds/${feed}`)
        .join(','),
      CIRCUIT_BREAKER_THRESHOLD: '3',
    }));
    t.fake.inject('feeds:/wire', { type: 'status', status: 500 });
    t.fake.inject('feeds:/atom', { type: 'hang' });
    t.fake.inject('feeds:/laughs', { type: 'html' });
    t.fake.inject('feeds:/mood', { type: 'status', status: 429, retryAfter: 600 });
  });

  after(async () => {
    await t.stop();
  });

  it('fetches the healthy feed on every run and records each failure in news_feeds', async () => {
    const ingest = t.running.app.get(NewsIngestService);
    for (let run = 1; run <= 4; run += 1) {
      const outcomes = new Map((await ingest.ingestAll()).map((o) => [o.feed, o]));
      const ledger = { feed: name('ledger'), stored: run === 1 ? 3 : 0 };
      assert.deepEqual(outcomes.get(name('ledger')), ledger, `run ${run}`);
      assert.equal(t.fake.count('feeds:/ledger'), run);
      for (const [feed, firstError] of Object.entries(FAILING)) {
        const error = outcomes.get(name(feed))?.error ?? '';
        assert.match(error, run === 1 ? firstError : /./, `${feed}, run ${run}`);
      }
    }
    const ledger = await feedState('ledger');
    assert.equal(ledger.lastError, null);
    assert.equal(ledger.itemsStored, 3);
    // Three failures open a feed's own breaker; a 429 cools down that feed alone.
    for (const feed of ['wire', 'atom', 'laughs', 'cut', 'blocked']) {
      const state = await feedState(feed);
      assert.equal(state.lastError, 'skipped: circuit open after repeated failures', feed);
      assert.equal(state.lastSuccessAt, null);
    }
    assert.match((await feedState('mood')).lastError ?? '', /^skipped: rate limited upstream/);

    const rss = (await request(t.running.url).get('/api/providers/rss').expect(200)).body;
    assert.equal(rss.breaker, 'closed');
    assert.equal(rss.cooling_down_seconds, 0);
    assert.ok(rss.health.failures >= 15, 'every feed failure still counts toward health');
  });
});
