/**
 * Hub-style model folders for tests, made offline: a copy of a bundled model under a hub id, a
 * tiny untrained NLI model whose labels make transformers.js run zero-shot classification, and
 * a local hub that serves the bundled models by id.
 */
import {
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { encodeQuantizedModel } from '../../scripts/model/onnx';
import { seededRandom } from '../../scripts/model/random';
import { REPO_ROOT } from './test-app';

const BUNDLED = join(REPO_ROOT, 'models');

/** What `npm run models:fetch` leaves in MODELS_DIR for a hub id, copied from a bundled model. */
export function seedHubCopy(modelsDir: string, id: string, bundled: string): void {
  cpSync(join(BUNDLED, bundled), join(modelsDir, id), { recursive: true });
}

/** A copy of a bundled model whose config.json names its classes with other labels. */
export function seedRelabelled(dir: string, bundled: string, labels: string[]): void {
  cpSync(join(BUNDLED, bundled), dir, { recursive: true });
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as object;
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      ...config,
      id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])),
      label2id: Object.fromEntries(labels.map((l, i) => [l, i])),
    }),
  );
}

export interface FakeHub {
  /** HF_REMOTE_HOST for the service. */
  url: string;
  requests: string[];
  /** Answers the held requests and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A hub stand-in: `acme/<bundled model>/resolve/main/<file>` served from the bundled model
 * folders, anything else 404. `held`: nothing is answered until release(), like a download
 * that takes minutes.
 */
export async function startFakeHub(options: { held?: boolean } = {}): Promise<FakeHub> {
  const requests: string[] = [];
  let held: (() => void)[] | undefined = options.held ? [] : undefined;
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const answer = () => serveHubFile(req.url ?? '', res);
    if (held) {
      held.push(answer);
    } else {
      answer();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    release() {
      const waiting = held ?? [];
      held = undefined;
      waiting.forEach((answer) => answer());
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function serveHubFile(url: string, res: ServerResponse): void {
  const match = /^\/acme\/([a-z-]+)\/resolve\/main\/(.+)$/.exec(url);
  const file = match && join(BUNDLED, match[1], match[2]);
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('Entry not found');
    return;
  }
  res.writeHead(200, { 'content-length': statSync(file).size });
  createReadStream(file).pipe(res);
}

/** An NLI-shaped model (contradiction / neutral / entailment): wiring only, its scores mean nothing. */
export function seedTinyNli(modelsDir: string, id: string): void {
  const dir = join(modelsDir, id);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    cpSync(join(BUNDLED, 'cdt-sentiment-binary', file), join(dir, file));
  }
  const tokenizer = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
  };
  const vocabSize = Object.keys(tokenizer.model.vocab).length;
  const labels = ['contradiction', 'neutral', 'entailment'];
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'distilbert',
      architectures: ['DistilBertForSequenceClassification'],
      id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])),
      label2id: Object.fromEntries(labels.map((l, i) => [l, i])),
    }),
  );
  const random = seededRandom(7);
  const values = (n: number) => Float32Array.from({ length: n }, () => random() - 0.5);
  const model = encodeQuantizedModel({
    model: {
      vocabSize,
      dimensions: 8,
      classes: 3,
      embeddings: values(vocabSize * 8),
      plainHead: values(8 * 3),
      bias: values(3),
      negatedHead: new Float32Array(8 * 3),
    },
    // Every token counts and nothing is negated or intensified: a plain mean of the embeddings.
    tables: {
      weight: new Float32Array(vocabSize).fill(1),
      negator: new Float32Array(vocabSize),
      intensifier: new Float32Array(vocabSize),
    },
    temperature: 1,
    docString: 'tiny NLI-shaped test model',
  });
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), model);
}
