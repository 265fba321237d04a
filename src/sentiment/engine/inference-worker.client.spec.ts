import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { InferenceWorkerClient, MAX_PENDING } from './inference-worker.client';
import { bundledModel } from './model-catalogue';
import { ModelUnavailableError } from './model-unavailable.error';

const spec = bundledModel('sentiment', join(process.cwd(), 'models'));
const classify = { op: 'classify' as const, key: spec.key, texts: ['a great day'] };

describe('inference worker client (real worker thread, bundled model)', () => {
  const stops: string[] = [];
  const client = new InferenceWorkerClient(
    { modelsDir: '/nonexistent', allowRemote: false, remoteHost: 'http://127.0.0.1:9' },
    (reason) => stops.push(reason),
  );

  before(async () => {
    const { task, location: model, dtype, key, role } = spec;
    await client.request({ op: 'load', key, role, task, model, dtype });
  });

  after(() => client.stop());

  it('loads a model once: loading the same key again is a no-op', async () => {
    const { task, location: model, dtype, key, role } = spec;
    const again = (await client.request({ op: 'load', key, role, task, model, dtype })) as {
      loadMs: number;
    };
    assert.equal(again.loadMs, 0);
  });

  it(`answers a 503 at once past ${MAX_PENDING} waiting requests, and serves the rest`, async () => {
    const requests = Array.from({ length: MAX_PENDING + 3 }, () =>
      client.request(classify).then(
        (result) => ({ result }),
        (error: Error) => ({ error }),
      ),
    );
    const outcomes = await Promise.all(requests);
    const refused = outcomes.filter((o) => 'error' in o);
    assert.equal(refused.length, 3);
    for (const { error } of refused as { error: Error }[]) {
      assert.ok(error instanceof ModelUnavailableError);
      assert.match(error.message, /busy \(256 requests waiting\)/);
    }
    const served = outcomes.slice(0, MAX_PENDING) as { result: { label: string }[][] }[];
    assert.ok(served.every((o) => o.result[0].some((s) => s.label === 'POSITIVE')));
  });

  it('after stop() refuses with a 503 and starts no new worker', async () => {
    // Stopped amid a batch, the worker finishes the run and ends by itself: terminating it while
    // ONNX Runtime works aborts the process. The callers are answered at once.
    const texts = Array.from({ length: 64 }, (_, i) => `a great day number ${i}`.repeat(40));
    const batch = client.request({ ...classify, texts }).then(
      () => 'served',
      (error: Error) => error.message,
    );
    await sleep(5);
    assert.equal(await client.stop(), 'ended');
    assert.equal(await batch, 'inference worker stopped');
    await assert.rejects(client.request(classify), (error: Error) => {
      assert.ok(error instanceof ModelUnavailableError);
      assert.match(error.message, /shut down/);
      return true;
    });
    assert.equal(client.running, false);
    assert.deepEqual(stops, []);
  });
});

describe('inference worker client: timed-out requests', () => {
  // A hub that answers nothing until released: loads from it hang in the worker for as long.
  const held: ServerResponse[] = [];
  let released = false;
  const hub = createServer((_req, res) => (released ? res.writeHead(404).end() : held.push(res)));
  const modelsDir = mkdtempSync(join(tmpdir(), 'cdt-worker-'));
  let client: InferenceWorkerClient;
  const hanging = {
    op: 'load' as const,
    key: 'sentiment:acme/slow',
    role: 'sentiment' as const,
    task: 'text-classification' as const,
    model: 'acme/slow',
    dtype: 'q8',
  };

  before(async () => {
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    const remoteHost = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
    client = new InferenceWorkerClient(
      { modelsDir, allowRemote: true, remoteHost },
      () => undefined,
      { loadMs: 20, runMs: 60_000, stopMs: 200 },
    );
  });

  after(async () => {
    hub.closeAllConnections();
    hub.close();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('answers the caller at once but keeps the slot until the worker has answered', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: MAX_PENDING }, () => client.request(hanging)),
    );
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.ok(outcome.reason instanceof ModelUnavailableError);
      assert.match((outcome.reason as Error).message, /timed out after 20 ms/);
    }
    // The worker is at work on them: it has asked the hub, which answers nothing yet.
    for (let waited = 0; held.length === 0; waited += 20) {
      assert.ok(waited < 60_000, 'the worker never asked the hub');
      await sleep(20);
    }
    assert.equal(client.inFlight, MAX_PENDING);
    await assert.rejects(client.request(hanging), /busy \(256 requests waiting\)/);

    released = true;
    held.forEach((res) => res.writeHead(404).end());
    for (let waited = 0; client.inFlight > 0; waited += 20) {
      assert.ok(waited < 60_000, `${client.inFlight} requests still unanswered`);
      await sleep(20);
    }
    await assert.rejects(
      client.request({ op: 'classify', key: 'none', texts: ['x'] }),
      /model none is not loaded/,
    );
  });

  it('terminates a worker that has not ended within the grace (a download that never ends)', async () => {
    released = false;
    held.length = 0;
    const other = { ...hanging, key: 'sentiment:acme/slower', model: 'acme/slower' };
    void client.request(other).catch(() => undefined);
    for (let waited = 0; held.length === 0; waited += 20) {
      assert.ok(waited < 60_000, 'the worker never asked the hub');
      await sleep(20);
    }
    assert.equal(await client.stop(), 'terminated');
  });
});
