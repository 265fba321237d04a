/**
 * The inference worker thread: it owns every loaded pipeline, so tokenising and ONNX runs never
 * block the event loop that serves HTTP and sockets.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pipeline } from '@huggingface/transformers';
import type {
  InferenceRequest,
  InferenceResponse,
  InferenceResult,
  LabelScore,
  WorkerMessage,
  WorkerSettings,
} from './inference-protocol';
import { labelMapProblem } from './labels';
import { configureRuntime } from './runtime-settings';

type Classifier = (input: string | string[], options?: object) => Promise<unknown>;
type ZeroShot = (text: string, labels: string[]) => Promise<{ labels: string[]; scores: number[] }>;
type Disposable = { dispose(): Promise<unknown> };

configureRuntime(workerData as WorkerSettings);

const pipelines = new Map<string, Disposable>();
/** Requests being worked on: shutting down waits for them (see WorkerTimeouts.stopMs). */
const working = new Set<Promise<void>>();

async function handle(request: InferenceRequest): Promise<InferenceResult> {
  switch (request.op) {
    case 'load':
      return load(request);
    case 'classify':
      return classify(loaded<Classifier>(request.key), request.texts);
    case 'zero-shot':
      return zeroShot(loaded<ZeroShot>(request.key), request.text, request.labels);
  }
}

async function load(request: Extract<InferenceRequest, { op: 'load' }>) {
  const started = performance.now();
  if (pipelines.has(request.key)) {
    return { loadMs: 0 };
  }
  const options = { dtype: request.dtype } as Parameters<typeof pipeline>[2];
  const loaded = await pipeline(request.task as 'text-classification', request.model, options);
  const { id2label } = loaded.model.config as { id2label?: Record<string, string> };
  const problem = labelMapProblem(request.role, Object.values(id2label ?? {}));
  if (problem) {
    await loaded.dispose();
    throw new Error(problem);
  }
  pipelines.set(request.key, loaded);
  return { loadMs: performance.now() - started };
}

function loaded<T>(key: string): T {
  const found = pipelines.get(key);
  if (!found) {
    throw new Error(`model ${key} is not loaded`);
  }
  return found as T;
}

/** Every label's score per text (`top_k: null`), whatever shape the pipeline returns for one text. */
async function classify(classifier: Classifier, texts: string[]): Promise<LabelScore[][]> {
  const output = (await classifier(texts, { top_k: null })) as LabelScore[][] | LabelScore[];
  return texts.length === 1 && !Array.isArray(output[0])
    ? [output as LabelScore[]]
    : (output as LabelScore[][]);
}

async function zeroShot(
  classifier: ZeroShot,
  text: string,
  labels: string[],
): Promise<LabelScore[]> {
  const output = await classifier(text, labels);
  return output.labels.map((label, i) => ({ label, score: output.scores[i] }));
}

parentPort?.on('message', (message: WorkerMessage) => {
  if ('op' in message) {
    void shutDown();
    return;
  }
  const work = handle(message.request).then(
    (result) => reply({ id: message.id, ok: true, result }),
    (error: unknown) =>
      reply({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
  working.add(work);
  void work.finally(() => working.delete(work));
});

/** Ends the thread only once no ONNX session is running or loading, and every one is released. */
async function shutDown(): Promise<void> {
  await Promise.allSettled(working);
  await Promise.allSettled([...pipelines.values()].map((loaded) => loaded.dispose()));
  pipelines.clear();
  process.exit(0);
}

function reply(response: InferenceResponse): void {
  parentPort?.postMessage(response);
}
