import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
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
    const { task, location: model, dtype, key } = spec;
    await client.request({ op: 'load', key, task, model, dtype });
  });

  after(() => client.stop());

  it('loads a model once: loading the same key again is a no-op', async () => {
    const { task, location: model, dtype, key } = spec;
    const again = (await client.request({ op: 'load', key, task, model, dtype })) as {
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
    await client.stop();
    await assert.rejects(client.request(classify), (error: Error) => {
      assert.ok(error instanceof ModelUnavailableError);
      assert.match(error.message, /shut down/);
      return true;
    });
    assert.equal(client.running, false);
    assert.deepEqual(stops, []);
  });
});
