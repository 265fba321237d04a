import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource, LessThan } from 'typeorm';
import { CacheService } from '../../src/core/cache';
import { DefiService } from '../../src/defi/defi.service';
import { DefiProtocol } from '../../src/defi/entities/defi-protocol.entity';
import { DefiTvlDay } from '../../src/defi/entities/tvl-day.entity';
import { FearGreedDay } from '../../src/fear-greed/entities/fear-greed.entity';
import { FearGreedService } from '../../src/fear-greed/fear-greed.service';
import { ADMIN_KEY, type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';

interface LlamaProtocol {
  name: string;
  slug: string;
  tvl: number | null;
  chain: string;
  chains: string[];
  symbol: string;
  category: string;
  change_1d: number;
  change_7d: number;
}

describe('DeFi TVL and the Fear & Greed index', () => {
  let t: FakeBackedApp;
  // Thirty days of history is deeper than the free tier goes.
  const api = () => request.agent(t.running.url).set('X-API-Key', ADMIN_KEY);
  const repo = <T extends object>(entity: new () => T) =>
    t.running.app.get(DataSource).getRepository(entity);
  const upstream = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${t.fake.baseUrl}${path}`)).json()) as T;

  before(async () => {
    t = await startFakeBackedApp();
  });

  after(async () => {
    await t.stop();
  });

  it('GET /api/defi: the largest protocols as DeFi Llama served them', async () => {
    const served = await upstream<LlamaProtocol[]>('/defillama/protocols');
    const res = await api().get('/api/defi?limit=2').expect(200);
    const expected = served
      .filter((p) => p.tvl !== null)
      .sort((a, b) => (b.tvl ?? 0) - (a.tvl ?? 0))
      .slice(0, 2)
      .map((p) => ({
        name: p.name,
        slug: p.slug,
        tvl: p.tvl,
        chain: p.chain,
        chains: p.chains,
        symbol: p.symbol === '-' ? null : p.symbol,
        category: p.category,
        change_1d: p.change_1d,
        change_7d: p.change_7d,
      }));
    assert.deepEqual(res.body.data, expected);
    assert.equal(res.body.meta.provider, 'defillama');
    const bad = await api().get('/api/defi?limit=101').expect(400);
    assert.equal(bad.body.message, 'limit must be an integer from 1 to 100');
  });

  it('GET /api/defi/chains: TVL by chain, largest first', async () => {
    const served =
      await upstream<{ name: string; tvl: number; tokenSymbol: string }[]>('/defillama/v2/chains');
    const res = await api().get('/api/defi/chains').expect(200);
    assert.deepEqual(
      res.body.data,
      served
        .sort((a, b) => b.tvl - a.tvl)
        .map((c) => ({ name: c.name, tvl: c.tvl, token_symbol: c.tokenSymbol })),
    );
  });

  it('tvl-chart backfills 30 days on an empty database, stores them, then reads the database', async () => {
    const served = await upstream<{ date: number; tvl: number }[]>(
      '/defillama/v2/historicalChainTvl',
    );
    const res = await api().get('/api/defi/tvl-chart?days=30').expect(200);
    assert.equal(res.body.meta.backfilled.provider, 'defillama');
    assert.equal(res.body.meta.points, 30);
    assert.deepEqual(
      res.body.data,
      served.slice(-30).map((p) => ({ date: new Date(p.date * 1000).toISOString(), tvl: p.tvl })),
    );
    assert.equal(await repo(DefiTvlDay).count(), 30);

    const again = await api().get('/api/defi/tvl-chart?days=7&format=csv').expect(200);
    assert.match(again.headers['content-type'], /^text\/csv/);
    const rows = parse<{ date: string; tvl: string }>(again.text, { columns: true });
    assert.deepEqual(
      rows.map((r) => ({ date: r.date, tvl: Number(r.tvl) })),
      res.body.data.slice(-7),
    );
    const json = await api().get('/api/defi/tvl-chart?days=7').expect(200);
    assert.equal(json.body.meta.backfilled, null);
  });

  it('a collector run stores the top protocols and today; a protocol shows its stored history', async () => {
    const defi = t.running.app.get(DefiService);
    assert.equal(await defi.collect(), 3 + 2);
    assert.equal(await defi.collect(), 3 + 2);
    assert.equal(await repo(DefiProtocol).count(), 6);
    const res = await api().get('/api/defi/protocols/aave-v3').expect(200);
    assert.equal(res.body.meta.provider, 'database');
    assert.equal(res.body.meta.asOf, res.body.data.as_of);
    assert.equal(res.body.data.as_of, res.body.data.history[1].timestamp);
    assert.equal(res.body.data.name, 'Aave V3');
    assert.equal(res.body.data.tvl, 2.4e10);
    assert.equal(res.body.data.history.length, 2);
    assert.ok(res.body.data.history.every((p: { tvl: number }) => p.tvl === 2.4e10));

    const unknown = await api().get('/api/defi/protocols/no-such-protocol').expect(404);
    assert.match(unknown.body.message, /no-such-protocol/);
    await api().get('/api/defi/protocols/Bad%20Slug').expect(400);
  });

  it('serves the stored run, marked stale, when DeFi Llama fails and nothing is cached', async () => {
    t.running.app.get(CacheService).invalidate('defi:');
    t.fake.inject('defillama', { type: 'status', status: 502 });
    try {
      const res = await api().get('/api/defi?limit=3').expect(200);
      assert.deepEqual([res.body.meta.provider, res.body.meta.stale], ['database', true]);
      assert.deepEqual(
        res.body.data.map((p: { slug: string }) => p.slug),
        ['lido', 'aave-v3', 'eigenlayer'],
      );
    } finally {
      t.fake.clear();
    }
  });

  it('a collector run while DeFi Llama is down fails and stores nothing (no copied run)', async () => {
    const before = await repo(DefiProtocol).count();
    t.fake.inject('defillama', { type: 'status', status: 502 });
    try {
      await assert.rejects(
        t.running.app.get(DefiService).collect(),
        /stored 0 rows, then failed: protocols not stored: defillama \(upstream_5xx/,
      );
    } finally {
      t.fake.clear();
    }
    assert.equal(await repo(DefiProtocol).count(), before);
  });

  it('tvl-chart serves the stored days, marked stale, when the backfill fails', async () => {
    const days = repo(DefiTvlDay);
    const stored = await days.find({ order: { day: 'ASC' } });
    await days.delete({ day: LessThan(stored[10].day) });
    t.fake.inject('defillama', { type: 'status', status: 502 });
    try {
      const res = await api().get('/api/defi/tvl-chart?days=30').expect(200);
      assert.equal(res.body.meta.stale, true);
      assert.equal(res.body.meta.provider, 'database');
      assert.equal(res.body.meta.backfilled, null);
      assert.match(res.body.meta.backfill_failed.message, /^No provider could serve defi: /);
      assert.equal(res.body.meta.backfill_failed.attempted[0].provider, 'defillama');
      assert.equal(res.body.meta.points, stored.length - 10);
      assert.deepEqual(
        res.body.data.map((p: { tvl: number }) => p.tvl),
        stored.slice(10).map((d) => d.tvl),
      );
      await days.clear();
      const none = await api().get('/api/defi/tvl-chart?days=30').expect(503);
      assert.match(none.body.message, /defillama \(upstream_5xx/);
    } finally {
      t.fake.clear();
    }
    // Three failures in a row opened DeFi Llama's breaker; an operator's check closes it.
    await api().post('/api/providers/defillama/check').expect(200);
    await api().get('/api/defi/tvl-chart?days=30').expect(200);
    assert.equal(await days.count(), 30, 'the next request backfills again');
  });

  it('GET /api/sentiment/fear-greed: numbers as numbers, times as ISO, one stored row per day', async () => {
    const served = await upstream<{
      data: { value: string; value_classification: string; timestamp: string }[];
    }>('/alternative-me/fng/?limit=7');
    const res = await api().get('/api/sentiment/fear-greed?limit=7').expect(200);
    assert.deepEqual(
      res.body.data.history,
      served.data.map((d) => ({
        value: Number(d.value),
        classification: d.value_classification,
        timestamp: new Date(Number(d.timestamp) * 1000).toISOString(),
      })),
    );
    assert.deepEqual(res.body.data.current, {
      ...res.body.data.history[0],
      time_until_update_seconds: 41234,
    });
    assert.equal(res.body.meta.provider, 'alternative-me');
    assert.equal(await repo(FearGreedDay).count(), 7);
    await api().get('/api/sentiment/fear-greed?limit=30').expect(200);
    await t.running.app.get(FearGreedService).collect();
    assert.equal(await repo(FearGreedDay).count(), 30, 'overlapping fetches never duplicate a day');
    await api().get('/api/sentiment/fear-greed?limit=0').expect(400);
  });

  it('keeps everything across a restart and serves stored days when the index is down', async () => {
    await t.restart();
    const chart = await api().get('/api/defi/tvl-chart?days=30').expect(200);
    assert.equal(chart.body.meta.backfilled, null);
    assert.equal(chart.body.meta.points, 30);
    t.fake.inject('alternative-me', { type: 'status', status: 500 });
    try {
      const res = await api().get('/api/sentiment/fear-greed?limit=5').expect(200);
      assert.deepEqual([res.body.meta.provider, res.body.meta.stale], ['database', true]);
      assert.equal(res.body.data.history.length, 5);
    } finally {
      t.fake.clear();
    }
  });
});
