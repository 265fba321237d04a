import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { io, type Socket } from 'socket.io-client';
import { JobScheduler } from '../../src/core/jobs';
import { RealtimePublisher } from '../../src/core/realtime/realtime.publisher';
import { ModelManager } from '../../src/sentiment/engine/model-manager.service';
import { type FakeBackedApp, startFakeBackedApp } from '../support/fake-app';
import { connected, until } from '../support/waiting';

interface ServedIndex {
  data: { value: string; value_classification: string; timestamp: string }[];
}

interface Headline {
  title: string;
  url: string;
  sentiment: { label: string; score: number; model: string } | null;
}

const FNG_ROUTE = 'alternative-me:/fng/';

/** The first event of each name a fresh Socket.IO client gets after subscribing. */
async function snapshots(url: string, channels: string[]): Promise<Map<string, unknown>> {
  const socket: Socket = io(url, { transports: ['websocket'], reconnection: false });
  try {
    await connected(socket);
    const got = new Map<string, unknown>();
    socket.onAny((event: string, data: unknown) => {
      if (!got.has(event)) {
        got.set(event, data);
      }
    });
    await socket.emitWithAck('subscribe', { channels });
    await until(() => channels.every((c) => got.has(c)));
    return got;
  } finally {
    socket.disconnect();
  }
}

describe('collected at start: Fear & Greed, and the news snapshot as stored', () => {
  let t: FakeBackedApp;
  const api = () => request(t.running.url);
  const lastRun = (name: string) =>
    t.running.app
      .get(JobScheduler)
      .list()
      .find((j) => j.name === name)?.lastRun;

  before(async () => {
    t = await startFakeBackedApp({
      ENABLE_BACKGROUND_TASKS: 'true',
      ENABLE_SENTIMENT_ANALYSIS: 'true',
      // Start-up is busy (migrations, the inference worker): the fake's 300 ms is too short.
      PROVIDER_TIMEOUT_MS: '3000',
      // The hourly run (minute 5) would fetch the index again if a test crossed it.
      SCHEDULE_FEAR_GREED: '0 0 1 1 *',
    });
  });

  after(async () => {
    await t.stop();
  });

  it('Fear & Greed is in /api/sentiment and the stream’s sentiment snapshot without waiting for the hourly run', async () => {
    await until(() => lastRun('fear-greed')?.result === 'ok', 10_000);
    const served = t.fake.lastServed<ServedIndex>(FNG_ROUTE);
    const expected = {
      value: Number(served.data[0].value),
      classification: served.data[0].value_classification,
      timestamp: new Date(Number(served.data[0].timestamp) * 1000).toISOString(),
    };
    const { body } = await api().get('/api/sentiment').expect(200);
    assert.deepEqual(body.fear_greed_index, expected);
    // The summary goes out again once the index is collected, whichever finished first.
    const publisher = t.running.app.get(RealtimePublisher);
    await until(() => {
      const summary = publisher.snapshot('sentiment')?.data as { fear_greed_index?: unknown };
      return summary?.fear_greed_index !== undefined && summary.fear_greed_index !== null;
    }, 20_000);
    const got = await snapshots(t.running.url, ['sentiment']);
    assert.deepEqual(
      (got.get('sentiment') as { fear_greed_index: unknown }).fear_greed_index,
      expected,
    );
  });

  it('the news snapshot shows each headline’s sentiment as stored, also when scored after it was sent', async () => {
    await t.running.app.get(ModelManager).settled();
    await t.running.app.get(JobScheduler).run('sentiment');
    const stored = (await api().get('/api/news?limit=100').expect(200)).body.data as Headline[];
    const got = await snapshots(t.running.url, ['news']);
    const sent = got.get('news') as Headline[];
    assert.ok(sent.length > 0);
    for (const item of sent) {
      const row = stored.find((s) => s.url === item.url);
      assert.ok(row?.sentiment, `"${item.title}" is stored with a score`);
      assert.deepEqual(item.sentiment, row.sentiment, item.title);
    }
  });

  it('a restart within the hour does not fetch the index again', async () => {
    const fetched = t.fake.count(FNG_ROUTE);
    const collected = lastRun('fear-greed');
    await t.restart();
    await until(() => lastRun('news')?.result === 'ok', 10_000);
    assert.deepEqual(lastRun('fear-greed'), collected);
    assert.equal(t.fake.count(FNG_ROUTE), fetched);
    assert.notEqual((await api().get('/api/sentiment').expect(200)).body.fear_greed_index, null);
  });
});
